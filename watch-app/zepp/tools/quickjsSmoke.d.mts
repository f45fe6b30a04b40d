// Types of quickjsSmoke.mjs for the TypeScript tests that import it.

export class SmokeError extends Error {}

export const ZEPP_JS_HEAP_LIMIT_BYTES: number;
export const ZEPP_JS_STACK_BYTES: number;

export interface SmokeResult {
  passed: string[];
  /** Highest live JS heap QuickJS reported during the run, in bytes. */
  peakBytes: number;
  heapLimitBytes: number;
  stackBytes: number;
}

/** Reads the stored queue: its mutations oldest first, or null when it does not read. */
export type QueueReader = (text: string) => { op: string; args: Record<string, unknown> }[] | null;

export function smokeRunZepp(input: {
  appJs: string;
  pages: Record<string, string>;
  pageDir: string;
  /** Each App Service's built source by its path, e.g. "app-service/restEnd". */
  services: Record<string, string>;
  readQueue: QueueReader;
  outboxKey: string;
  heapLimitBytes?: number;
  stackBytes?: number;
}): Promise<SmokeResult>;

export function smokeRunZeppProject(input: {
  project: string;
  target?: string;
  root?: string;
  heapLimitBytes?: number;
  stackBytes?: number;
}): Promise<SmokeResult>;

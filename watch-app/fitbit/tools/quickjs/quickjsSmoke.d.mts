// Types of quickjsSmoke.mjs for the TypeScript tests that import it.

export class SmokeError extends Error {}

export const FITBIT_JS_HEAP_LIMIT_BYTES: number;
export const FITBIT_JS_STACK_BYTES: number;
export const FITBIT_REPORTED_JS_TOTAL_BYTES: number;

export interface FitbitSmokeResult {
  passed: string[];
  /** Highest live JS heap QuickJS reported during the run, in bytes. */
  peakBytes: number;
  /** The heap before the app loaded: the engine's built-ins and the stand-ins. */
  baselineBytes: number;
  /** The heap with the app loaded and showing home. */
  loadedBytes: number;
  heapLimitBytes: number;
  stackBytes: number;
}

/** Reads the stored queue: its mutations oldest first, or null when it does not read. */
export type QueueReader = (text: string) => { op: string; args: Record<string, unknown> }[] | null;

export function smokeRunFitbitQuickjs(input: {
  deviceJs: string;
  viewXml: string;
  readQueue: QueueReader;
  /** The file the watch's store keeps the outbox in. */
  outboxFile: string;
  heapLimitBytes?: number;
  stackBytes?: number;
}): Promise<FitbitSmokeResult>;

export function smokeRunFitbitPackage(input: {
  /** The .fba's path or contents. */
  fba: string | Uint8Array;
  target?: string;
  root?: string;
  heapLimitBytes?: number;
  stackBytes?: number;
}): Promise<FitbitSmokeResult>;

/** One watch's device JS and view as the .fba ships them (device-<target>.zip). */
export function readShippedDevice(
  fba: string | Uint8Array,
  target?: string,
): { deviceJs: string; viewXml: string };

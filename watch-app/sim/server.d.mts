// Types of server.mjs for TypeScript callers (the e2e tests, the benchmark is plain JS).
export declare const DEFAULT_SERVER: string;
export declare const TARGETS: Record<
  string,
  { shape: "round" | "square"; width: number; height: number; name: string }
>;
export type ServerMode = "up" | "down" | "lost";
export interface SimServer {
  url: string;
  /** "up", "down" (a dead port) or "lost" (the Worker applies, the reply is dropped). */
  setServerMode(mode: ServerMode): void;
  close(): Promise<void>;
}
export declare function startSimServer(options?: {
  port?: number;
  host?: string;
  server?: string;
  log?: (line: string) => void;
}): Promise<SimServer>;

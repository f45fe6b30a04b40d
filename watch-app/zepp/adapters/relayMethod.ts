// The one ZML method both halves use: the watch sends `{ m }`, the phone answers `{ m }`.
// Shared by adapters/device/phoneLink.ts and app-side/index.ts so the name cannot drift.
export const RELAY_METHOD = "rs";

export interface RelayRequest {
  m: string;
}

export interface RelayReply {
  m: string;
}

// Globals of the phone-side service (app-side), which @zeppos/device-types does not declare.
// Shapes follow what ZML's base-side calls on them (zml/dist/zml-side.js).

interface SettingsChange {
  key: string;
  newValue: string | null;
  oldValue: string | null;
}

interface SideSettingsStorage {
  getItem(key: string): string | null | undefined;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  clear(): void;
  toObject(): Record<string, string>;
  addListener(event: "change", listener: (change: SettingsChange) => void): void;
  removeListener(event: "change", listener?: (change: SettingsChange) => void): void;
}

declare const settings: { settingsStorage: SideSettingsStorage };

/** The side service's fetch takes one options object, unlike the web's fetch(url, init). */
interface SideFetchOptions {
  url: string;
  method: string;
  headers?: Record<string, string>;
  body?: string;
  timeout?: number;
}

interface SideFetchResponse {
  status: number;
  statusText?: string;
  headers: Record<string, string>;
  /** Parsed JSON for JSON responses, otherwise text. */
  body: unknown;
}

declare function fetch(options: SideFetchOptions): Promise<SideFetchResponse>;

declare function AppSideService(service: object): void;

declare function setTimeout(callback: () => void, delay?: number): number;
declare function clearTimeout(id: number): void;
declare function setInterval(callback: () => void, delay: number): number;
declare function clearInterval(id: number): void;

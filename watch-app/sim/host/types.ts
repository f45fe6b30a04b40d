// The simulator's host (host/main.ts) as the @zos module shims (zos/*.ts) and the injected
// globals of the Zepp bundles (shims/*.ts) see it: `globalThis.__sim`. The shims are thin and
// stateless; every piece of state (widgets, storage, timers, the phone) lives here, so each
// reloaded app or page bundle talks to the same simulated watch and phone.

export interface SimWidget {
  setProperty(property: number, value: unknown): boolean;
  getProperty(property: number, key?: string): unknown;
  addEventListener(type: number, listener: (info?: unknown) => void): void;
  removeEventListener(type: number, listener: (info?: unknown) => void): void;
}

export interface SimStorage {
  getItem(key: string, fallback?: unknown): string | undefined;
  setItem(key: string, value: unknown): void;
  removeItem(key: string): void;
  clear(): void;
}

export interface SettingsChange {
  key: string;
  newValue: string | null;
  oldValue: string | null;
}

export interface PhoneSettingsStorage {
  getItem(key: string): string | undefined;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  clear(): void;
  toObject(): Record<string, string>;
  addListener(event: "change", listener: (change: SettingsChange) => void): void;
  removeListener(event: "change", listener?: (change: SettingsChange) => void): void;
}

/** What ZML's messaging offers the app (`globalData.messaging`). */
export interface SimMessaging {
  request(data: unknown, options?: { timeout?: number }): Promise<unknown>;
}

export interface SideFetchOptions {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  timeout?: number;
}

export interface SideFetchResponse {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: unknown;
}

import type { SimHeartRate } from "./heartRate.ts";

// biome-ignore lint/suspicious/noExplicitAny: App/Page option objects are the Zepp code's own.
export type Options = Record<string, any>;

export interface SimHost {
  clock: { now(): number };
  watch: {
    App(options: Options): void;
    Page(options: Options): void;
    getApp(): { _options: Options };
    setTimeout(task: () => void, ms?: number): number;
    clearTimeout(id: number | undefined): void;
    setInterval(task: () => void, ms: number): number;
    clearInterval(id: number | undefined): void;
    messaging(): SimMessaging;
    log(line: string): void;
  };
  ui: {
    createWidget(type: number, options: Options): SimWidget;
    deleteWidget(widget: SimWidget): void;
  };
  router: { go(url: string, mode: "push" | "replace"): void; back(): void; exit(): void };
  storage: SimStorage;
  haptics: { buzz(scene: number): void; stop(): void };
  display: {
    brightTime(ms: number | null): void;
    dropWrist(paused: boolean): void;
    palm(paused: boolean): void;
    relaunch(on: boolean): void;
  };
  /** `@zos/alarm` and the App Services its alarms start (host/screenOff.ts). */
  alarm: {
    set(options: { url: string; time?: number; delay?: number; param?: string }): number;
    cancel(id: number): number;
    all(): number[];
    service(options: Options): void;
  };
  device: { info(): Options };
  heartRate: SimHeartRate;
  phone: {
    settings: PhoneSettingsStorage;
    fetch(options: SideFetchOptions): Promise<SideFetchResponse>;
    register(service: Options): void;
    settingsPage(page: Options): void;
    log(line: string): void;
  };
}

declare global {
  var __sim: SimHost;
}

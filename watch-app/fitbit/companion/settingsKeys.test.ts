// What the settings page and the companion exchange, and what the page says about it.
import { describe, expect, it } from "vitest";
import {
  DEFAULT_SERVER_URL,
  decodeStatus,
  encodeStatus,
  parseServerInput,
  type SettingsStatus,
  statusLines,
} from "./settingsKeys.ts";

const base: SettingsStatus = {
  serverUrl: "https://rs.example",
  serverError: null,
  pairing: "idle",
  code: null,
  verificationUri: null,
  expiresAtMs: null,
  problem: null,
  lastSyncAtMs: null,
};

describe("parseServerInput", () => {
  it("takes http and https addresses, without trailing slashes; empty means the default", () => {
    expect(parseServerInput(" https://rs.example/ ")).toEqual({
      ok: true,
      url: "https://rs.example",
    });
    expect(parseServerInput("http://192.168.1.20:8787")).toEqual({
      ok: true,
      url: "http://192.168.1.20:8787",
    });
    expect(parseServerInput("https://rs.example/base//")).toEqual({
      ok: true,
      url: "https://rs.example/base",
    });
    expect(parseServerInput("")).toEqual({ ok: true, url: DEFAULT_SERVER_URL });
    expect(parseServerInput(null)).toEqual({ ok: true, url: DEFAULT_SERVER_URL });
    // A TextInput without useSimpleValue stores {"name": …}.
    expect(parseServerInput('{"name":"https://rs.example"}')).toEqual({
      ok: true,
      url: "https://rs.example",
    });
  });

  it("refuses what is not an http(s) address", () => {
    for (const bad of [
      "rs.example",
      "ftp://rs.example",
      "https://",
      "https://a b",
      "https://x/?q=1",
    ]) {
      expect(parseServerInput(bad).ok, bad).toBe(false);
    }
  });
});

describe("status", () => {
  it("round-trips, and reads anything else as no status", () => {
    const s: SettingsStatus = { ...base, pairing: "pending", code: "ACDE-FGHJ", expiresAtMs: 5 };
    expect(decodeStatus(encodeStatus(s))).toEqual(s);
    for (const bad of [null, "", "{", "[]", '{"pairing":"paired"}'])
      expect(decodeStatus(bad)).toBeNull();
    expect(decodeStatus('{"serverUrl":"u","pairing":"weird"}')?.pairing).toBe("idle");
  });

  it("tells the user where pairing stands and when unpairing makes sense", () => {
    const now = 1_000_000;
    expect(statusLines(null, now)).toMatchObject({ pairing: "Not paired", canUnpair: false });
    const pending = statusLines(
      {
        ...base,
        pairing: "pending",
        code: "ACDE-FGHJ",
        verificationUri: "https://rs.example/pair",
        expiresAtMs: now + 9.5 * 60_000,
      },
      now,
    );
    expect(pending).toMatchObject({
      server: "Using https://rs.example",
      pairing: "Pairing code ACDE-FGHJ",
      detail: "Enter it at https://rs.example/pair (10 min left)",
      canUnpair: true,
    });
    const paired = statusLines({ ...base, pairing: "paired", lastSyncAtMs: now - 5 * 60_000 }, now);
    expect(paired).toMatchObject({
      pairing: "Paired",
      detail: "Last sync 5 min ago",
      canUnpair: true,
    });
    const trouble = statusLines({ ...base, problem: "HTTP 503", serverError: "bad" }, now);
    expect(trouble.detail).toContain("Server: HTTP 503");
    expect(trouble.serverError).toBe("bad");
    expect(trouble.canUnpair).toBe(false);
  });
});

// The settings page's requests reaching the core's PhoneRelay, over in-memory stand-ins for
// settingsStorage and the server.
import { describe, expect, it } from "vitest";
import { decodeWatchRequest, encodeWatchRequest } from "../../core/link/watchLink.ts";
import { PhoneRelay } from "../../core/phone/phoneRelay.ts";
import type { HttpClient, HttpResponse, SettingsStore } from "../../core/ports.ts";
import { FakeClock, seededRandom } from "../../core/testSupport/fakes.ts";
import { ManualScheduler, settle } from "../../core/testSupport/manualScheduler.ts";
import { SettingsBridge, type SettingsStorageLike } from "./settingsBridge.ts";
import { DEFAULT_SERVER_URL, decodeStatus, SETTINGS_KEYS } from "./settingsKeys.ts";

/** settingsStorage: one synchronous map, seen by the page, the bridge and the relay. */
class Storage implements SettingsStorageLike {
  readonly data = new Map<string, string>();
  getItem(key: string) {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.data.set(key, value);
  }
  removeItem(key: string) {
    this.data.delete(key);
  }
  /** The relay's SettingsStore over the same map (what companion/adapters/settingsStore does). */
  readonly store: SettingsStore = {
    get: async (k) => this.getItem(k),
    set: async (k, v) => this.setItem(k, v),
    remove: async (k) => this.removeItem(k),
  };
}

const json = (status: number, body: unknown): HttpResponse => ({
  status,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

/** A server that hands out a code and approves it once `approved` is set. */
function server() {
  const s = { approved: false, urls: [] as string[] };
  const http: HttpClient = async (req) => {
    s.urls.push(req.url);
    if (req.url.endsWith("/devices/pair")) {
      return json(200, {
        device_code: "dc",
        user_code: "ACDEFGHJ",
        verification_uri: "https://rs.example/pair",
        verification_uri_complete: "https://rs.example/pair?code=ACDEFGHJ",
        expires_in: 600,
        interval: 5,
      });
    }
    if (req.url.endsWith("/devices/token")) {
      return s.approved
        ? json(200, { access_token: "tok", token_type: "Bearer", device_id: "dev" })
        : json(400, { error: "authorization_pending", message: "pending" });
    }
    if (req.url.includes("/sync/pull")) {
      return json(200, {
        changes: { plans: [], sessions: [], sets: [], runs: [], assessments: [], settings: [] },
        cursor: "c1",
        has_more: false,
        last_seq: 0,
      });
    }
    return json(404, { error: "not_found", message: req.url });
  };
  return Object.assign(s, { http });
}

async function rig() {
  const storage = new Storage();
  const clock = new FakeClock();
  const scheduler = new ManualScheduler(clock);
  const srv = server();
  const relay = await PhoneRelay.open({
    http: srv.http,
    settings: storage.store,
    scheduler,
    clock,
    platform: "fitbit",
    random: seededRandom(),
  });
  const bridge = new SettingsBridge(relay, storage, clock);
  const status = () => decodeStatus(storage.getItem(SETTINGS_KEYS.status));
  const pairFromWatch = async () => {
    const reply = await relay.handle(
      encodeWatchRequest({ type: "pair_start", name: "Fitbit Sense" }),
    );
    expect(reply).toContain("pending");
  };
  return { storage, clock, scheduler, srv, relay, bridge, status, pairFromWatch };
}

describe("SettingsBridge", () => {
  it("publishes where pairing stands: not paired, a code, then paired", async () => {
    const r = await rig();
    await r.bridge.publish();
    expect(r.status()).toMatchObject({
      serverUrl: DEFAULT_SERVER_URL,
      pairing: "idle",
      code: null,
    });
    await r.pairFromWatch();
    await r.bridge.publish();
    expect(r.status()).toMatchObject({
      pairing: "pending",
      code: "ACDE-FGHJ",
      verificationUri: "https://rs.example/pair?code=ACDEFGHJ",
      expiresAtMs: r.clock.now() + 600_000,
    });
    r.srv.approved = true;
    await r.scheduler.runNext();
    await settle();
    await r.bridge.publish();
    expect(r.status()).toMatchObject({ pairing: "paired", code: null });
  });

  it("takes a typed server URL: another server unpairs and stops a pending code", async () => {
    const r = await rig();
    r.srv.approved = true;
    await r.pairFromWatch();
    await r.scheduler.runNext();
    await settle();
    await r.bridge.publish();
    expect(r.status()?.pairing).toBe("paired");

    r.storage.setItem(SETTINGS_KEYS.serverInput, "https://other.example/");
    await r.bridge.onChange(SETTINGS_KEYS.serverInput);
    expect(await r.relay.serverUrl()).toBe("https://other.example");
    expect(r.status()).toMatchObject({ serverUrl: "https://other.example", pairing: "idle" });

    // The same address again (as typed, or normalised) changes nothing.
    r.srv.approved = false;
    await r.pairFromWatch();
    r.storage.setItem(SETTINGS_KEYS.serverInput, "https://other.example");
    await r.bridge.onChange(SETTINGS_KEYS.serverInput);
    expect(r.status()?.pairing).toBe("pending");

    // A new server while a code is pending: the code is dropped, no poll goes on.
    r.storage.setItem(SETTINGS_KEYS.serverInput, "https://third.example");
    await r.bridge.onChange(SETTINGS_KEYS.serverInput);
    expect(r.status()).toMatchObject({ serverUrl: "https://third.example", pairing: "idle" });
    expect(r.scheduler.pending).toEqual([]);
  });

  it("keeps the server in use and reports a typed URL it cannot take", async () => {
    const r = await rig();
    r.storage.setItem(SETTINGS_KEYS.serverInput, "not a url");
    await r.bridge.onChange(SETTINGS_KEYS.serverInput);
    expect(r.status()).toMatchObject({ serverUrl: DEFAULT_SERVER_URL });
    expect(r.status()?.serverError).toContain("not a url");
    r.storage.setItem(SETTINGS_KEYS.serverInput, "");
    await r.bridge.onChange(SETTINGS_KEYS.serverInput);
    expect(r.status()?.serverError).toBeNull();
  });

  it("unpairs on request, clears the request, and leaves no code pending", async () => {
    const r = await rig();
    r.srv.approved = true;
    await r.pairFromWatch();
    await r.scheduler.runNext();
    await settle();
    r.storage.setItem(SETTINGS_KEYS.unpairRequest, "1");
    await r.bridge.onChange(SETTINGS_KEYS.unpairRequest);
    expect(r.storage.getItem(SETTINGS_KEYS.unpairRequest)).toBeNull();
    expect(r.status()?.pairing).toBe("idle");
    const reply = await r.relay.handle(encodeWatchRequest({ type: "status" }));
    expect(reply).toMatch(/^\[1,"status",0,/); // not paired

    // Unpairing while a code is pending drops the code too (else approving it would re-pair).
    r.srv.approved = false;
    await r.pairFromWatch();
    r.storage.setItem(SETTINGS_KEYS.unpairRequest, "2");
    await r.bridge.onChange(SETTINGS_KEYS.unpairRequest);
    expect(r.scheduler.pending).toEqual([]);
    expect(r.status()?.pairing).toBe("idle");
    // Its own clearing of the request is a change too, and does nothing.
    await r.bridge.onChange(SETTINGS_KEYS.unpairRequest);
    await r.bridge.onChange("runstrong.token");
  });

  it("answers status with the watch protocol's own request (nothing reaches the server)", async () => {
    const r = await rig();
    await r.bridge.publish();
    expect(r.srv.urls).toEqual([]);
    expect(decodeWatchRequest(encodeWatchRequest({ type: "status" }))).toEqual({ type: "status" });
  });
});

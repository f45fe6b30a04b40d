// The web view's pages and JSON read D1 directly: prove they show a user only their own data.
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  numbered,
  pairDevice,
  push,
  sessionStart,
  setLog,
  signUp,
  uid,
} from "../../test/apiClient.ts";

const worker = (exports as unknown as { default: Fetcher }).default;
const page = (path: string, cookie: string) =>
  worker.fetch(new Request(`http://localhost${path}`, { headers: { cookie } }));

describe("web view isolation", () => {
  it("another user's session, history, progress and devices never show", async () => {
    const alice = await signUp();
    const watch = await pairDevice(alice, "Alice's Balance");
    const s = uid("s");
    await push(
      watch,
      numbered(1, [
        {
          ...sessionStart(s),
          args: { id: s, started_at: new Date().toISOString(), name: "Alice secret session" },
        },
        setLog(uid(), s, {
          exercise_id: "goblet-squat",
          reps: 17,
          started_at: new Date().toISOString(),
          ended_at: new Date().toISOString(),
        }),
      ]),
    );
    // Alice sees her own session: the checks below can fail.
    const own = await page(`/history/${s}`, alice.cookie);
    expect(own.status).toBe(200);
    expect(await own.text()).toContain("Alice secret session");

    const mallory = await signUp();
    const detail = await page(`/history/${s}`, mallory.cookie);
    const missing = await page(`/history/${uid("nope")}`, mallory.cookie);
    expect(detail.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(await detail.text()).not.toContain("Alice secret session");

    for (const path of [
      "/history",
      "/",
      "/progress",
      "/devices",
      "/web/progress.json",
      "/web/state.json",
    ]) {
      const res = await page(path, mallory.cookie);
      expect(res.status, path).toBe(200);
      const text = await res.text();
      expect(text, path).not.toContain("Alice secret session");
      expect(text, path).not.toContain("Alice's Balance");
      expect(text, path).not.toContain(s);
    }
  });
});

// A browser is one sync device for as long as it is used: named after the browser and system,
// and reused when the same browser signs in again (the rs_browser cookie), never another's.
import { describe, expect, it } from "vitest";
import { call, freshIp, type Reply, signUp, TEST_PASSWORD } from "../../../test/apiClient.ts";

const FIREFOX_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";

type WebDevice = { id: string; name: string; platform: string };

async function webDevices(cookie: string): Promise<WebDevice[]> {
  const res = await call("GET", "/devices", { cookie });
  return (res.body.devices as WebDevice[]).filter((d) => d.platform === "web");
}

/** Every `name=value` pair the response sets, by name. */
function cookiesSet(res: Reply): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of res.headers.getSetCookie()) {
    const [pair = ""] = line.split(";");
    const at = pair.indexOf("=");
    out[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return out;
}

/** A browser's first sync: an empty push that makes it a device; returns the cookie it keeps. */
async function firstSync(session: string, browser = ""): Promise<{ reply: Reply; jar: string }> {
  const cookie = browser ? `${session}; ${browser}` : session;
  const reply = await call("POST", "/sync/push", {
    cookie,
    headers: { "user-agent": FIREFOX_LINUX },
    body: { schema: 1, mutations: [] },
  });
  const remembered = cookiesSet(reply).rs_browser;
  return { reply, jar: remembered ? `rs_browser=${remembered}` : browser };
}

describe("web devices", () => {
  it("are named after the browser and system that first synced", async () => {
    const user = await signUp();
    const { reply } = await firstSync(user.cookie);
    expect(reply.status).toBe(200);
    expect((await webDevices(user.cookie)).map((d) => d.name)).toEqual(["Firefox on Linux"]);
  });

  it("are reused when the same browser signs in again", async () => {
    const user = await signUp();
    const { jar } = await firstSync(user.cookie);
    expect(jar).toMatch(/^rs_browser=/);
    const [before] = await webDevices(user.cookie);
    await call("POST", "/auth/logout", { cookie: `${user.cookie}; ${jar}` });

    const again = await loginWith(user.email, jar);
    const { reply } = await firstSync(again, jar);
    expect(reply.status).toBe(200);
    const after = await webDevices(again);
    expect(after.map((d) => d.id)).toEqual([before?.id]);
  });

  it("are not reused by another account signing in on the same browser", async () => {
    const alice = await signUp();
    const bob = await signUp();
    const { jar } = await firstSync(alice.cookie);
    const bobSession = await loginWith(bob.email, jar);
    await firstSync(bobSession, jar);
    const [aliceDevice] = await webDevices(alice.cookie);
    const bobDevices = await webDevices(bobSession);
    expect(bobDevices).toHaveLength(1);
    expect(bobDevices[0]?.id).not.toBe(aliceDevice?.id);
  });

  it("are not reused once revoked: the next sign-in syncs as a new device", async () => {
    const user = await signUp();
    const { jar } = await firstSync(user.cookie);
    const [first] = await webDevices(user.cookie);
    const other = await loginWith(user.email, "");
    expect((await call("DELETE", `/devices/${first?.id}`, { cookie: other })).status).toBe(204);

    const again = await loginWith(user.email, jar);
    await firstSync(again, jar);
    const ids = (await webDevices(again)).map((d) => d.id);
    expect(ids).toHaveLength(1);
    expect(ids).not.toContain(first?.id);
  });

  it("ignore a cookie that does not look like a device id", async () => {
    const user = await signUp();
    const session = await loginWith(user.email, "rs_browser=%3Cscript%3E");
    const { reply } = await firstSync(session, "rs_browser=%3Cscript%3E");
    expect(reply.status).toBe(200);
    expect(await webDevices(session)).toHaveLength(1);
  });
});

/** Signs in with the test password carrying `browser` cookies; returns the session cookie. */
async function loginWith(email: string, browser: string): Promise<string> {
  const headers: Record<string, string> = { "cf-connecting-ip": freshIp() };
  if (browser) headers.cookie = browser;
  const res = await call("POST", "/auth/login", {
    body: { email, password: TEST_PASSWORD },
    headers,
  });
  expect(res.status).toBe(200);
  return `rs_session=${cookiesSet(res).rs_session}`;
}

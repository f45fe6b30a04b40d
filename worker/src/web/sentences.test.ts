// What a person reads is a sentence written for them: sign-up, sign-in and pairing answers
// carry sentences (never validator text), a password of spaces is refused, and a history page
// that cannot exist says so.
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, freshIp, signUp } from "../../test/apiClient.ts";

const worker = (exports as unknown as { default: Fetcher }).default;
const sentence = /^[A-Z][^<>=]*[.]$/;

async function signupIssue(
  body: unknown,
): Promise<{ status: number; message: string; issue: string }> {
  const res = await call("POST", "/auth/signup", {
    body,
    headers: { "cf-connecting-ip": freshIp() },
  });
  return {
    status: res.status,
    message: res.body.message,
    issue: res.body.issues?.[0]?.message ?? "",
  };
}

describe("messages people read", () => {
  it("a 300-character email gets a sentence about its length", async () => {
    const r = await signupIssue({
      email: `${"a".repeat(290)}@example.com`,
      password: "long enough 1",
    });
    expect(r.status).toBe(400);
    expect(r.issue).toMatch(/at most 254 characters/);
    expect(r.issue).toMatch(sentence);
    expect(r.message).toMatch(sentence);
  });

  it("a password of eight spaces is refused, and says why", async () => {
    const r = await signupIssue({
      email: `spaces-${Date.now()}@example.com`,
      password: "        ",
    });
    expect(r.status).toBe(400);
    expect(r.issue).toMatch(/only spaces/);
    expect(r.issue).toMatch(sentence);
  });

  it("a 100-character pairing code gets the same sentence as any malformed code", async () => {
    const user = await signUp();
    const res = await call("POST", "/devices/approve", {
      cookie: user.cookie,
      body: { user_code: "X".repeat(100) },
      headers: { "cf-connecting-ip": freshIp() },
    });
    expect(res.status).toBe(400);
    expect(res.body.issues[0].message).toMatch(/8 letters or digits/);
    expect(res.body.issues[0].message).toMatch(sentence);
  });

  it("a history page that cannot exist says so instead of showing page 1 quietly", async () => {
    const user = await signUp();
    const page = async (q: string) =>
      (
        await worker.fetch(
          new Request(`http://localhost/history?page=${q}`, { headers: { cookie: user.cookie } }),
        )
      ).text();
    expect(await page("99999999")).toContain("There is no page “99999999” of your history");
    expect(await page("abc")).toContain("There is no page “abc”");
    expect(await page("50")).toContain("Page 50 is past the end of your history.");
    expect(await page("0")).not.toContain("past the end");
  });
});

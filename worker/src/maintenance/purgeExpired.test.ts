import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { purgeExpired } from "./purgeExpired.ts";

const DAY = 24 * 3600 * 1000;

describe("purgeExpired", () => {
  it("removes expired web sessions, long-expired pairings and spent rate-limit counters only", async () => {
    const now = 1_900_000_000_000;
    const uid = `purge-${Math.random()}`;
    await env.DB.batch([
      env.DB.prepare(
        "INSERT INTO users (id, email, password_hash, created_at) VALUES (?1, ?2, 'x', 0)",
      ).bind(uid, `${uid}@example.com`),
      env.DB.prepare(
        "INSERT INTO auth_sessions (token_hash, user_id, created_at, expires_at) VALUES (?1, ?2, 0, ?3)",
      ).bind(`${uid}-old`, uid, now - 1),
      env.DB.prepare(
        "INSERT INTO auth_sessions (token_hash, user_id, created_at, expires_at) VALUES (?1, ?2, 0, ?3)",
      ).bind(`${uid}-live`, uid, now + DAY),
      env.DB.prepare(
        "INSERT INTO pairings (device_code_hash, user_code, name, platform, status, created_at, expires_at) VALUES (?1, ?2, 'w', 'zepp', 'pending', 0, ?3)",
      ).bind(`${uid}-p1`, `${uid}A`, now - 2 * DAY),
      env.DB.prepare(
        "INSERT INTO pairings (device_code_hash, user_code, name, platform, status, created_at, expires_at) VALUES (?1, ?2, 'w', 'zepp', 'pending', 0, ?3)",
      ).bind(`${uid}-p2`, `${uid}B`, now - 60_000),
      env.DB.prepare("INSERT INTO rate_limits (key, window_start, count) VALUES (?1, ?2, 3)").bind(
        `${uid}-spent`,
        now - 2 * DAY,
      ),
      env.DB.prepare("INSERT INTO rate_limits (key, window_start, count) VALUES (?1, ?2, 3)").bind(
        `${uid}-current`,
        now - 60_000,
      ),
    ]);
    const counts = await purgeExpired(env.DB, now);
    expect(counts.authSessions).toBeGreaterThanOrEqual(1);
    const left = async (sql: string) =>
      (await env.DB.prepare(sql).bind(`${uid}%`).all<{ k: string }>()).results
        .map((r) => r.k)
        .sort();
    expect(
      await left("SELECT token_hash AS k FROM auth_sessions WHERE token_hash LIKE ?1"),
    ).toEqual([`${uid}-live`]);
    expect(
      await left("SELECT device_code_hash AS k FROM pairings WHERE device_code_hash LIKE ?1"),
    ).toEqual([`${uid}-p2`]);
    expect(await left("SELECT key AS k FROM rate_limits WHERE key LIKE ?1")).toEqual([
      `${uid}-current`,
    ]);
  });
});

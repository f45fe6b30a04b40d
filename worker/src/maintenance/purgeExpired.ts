// Daily housekeeping (cron trigger): drops what can no longer be used, so tables holding
// short-lived secrets and counters do not grow without bound.
const DAY_MS = 24 * 3600 * 1000;

export type PurgeCounts = { authSessions: number; pairings: number; rateLimits: number };

export async function purgeExpired(d1: D1Database, now: number): Promise<PurgeCounts> {
  const [sessions, pairings, limits] = await d1.batch([
    d1.prepare("DELETE FROM auth_sessions WHERE expires_at <= ?1").bind(now),
    // Pairings are kept a day past expiry so a late poll still gets expired_token, not a 500.
    d1.prepare("DELETE FROM pairings WHERE expires_at <= ?1").bind(now - DAY_MS),
    // The longest rate-limit window is an hour; a counter older than a day is spent.
    d1.prepare("DELETE FROM rate_limits WHERE window_start <= ?1").bind(now - DAY_MS),
  ]);
  return {
    authSessions: sessions?.meta.changes ?? 0,
    pairings: pairings?.meta.changes ?? 0,
    rateLimits: limits?.meta.changes ?? 0,
  };
}

// Heart rate over sync against the real Worker and D1: set.log's hr_avg/hr_max, session.finish's
// hr_avg and settings.put's max_hr/birth_year are stored and pulled back as sent; out-of-range
// values are refused in sentences and change nothing; a set without heart rate is as before.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, numbered, pairDevice, pullAll, push, signUp } from "../../../test/apiClient.ts";

const started = "2026-03-02T07:00:00+01:00";
const setArgs = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  session_id: "hr-session",
  exercise_id: "squat",
  set_index: 0,
  started_at: started,
  ended_at: "2026-03-02T07:01:00+01:00",
  reps: 12,
  ...extra,
});

async function pulledChanges(device: Awaited<ReturnType<typeof pairDevice>>) {
  const { pages } = await pullAll(device);
  return {
    sets: pages.flatMap((p) => p.changes.sets),
    sessions: pages.flatMap((p) => p.changes.sessions),
    settings: pages.flatMap((p) => p.changes.settings),
  };
}

describe("heart rate over sync", () => {
  it("set.log, session.finish and settings.put with heart rate are pulled back as sent", async () => {
    const user = await signUp();
    const watch = await pairDevice(user, "Watch");
    const phone = await pairDevice(user, "Phone", "web");
    const res = await push(
      watch,
      numbered(1, [
        { op: "session.start", args: { id: "hr-session", started_at: started } },
        { op: "set.log", args: setArgs("hr-set", { hr_avg: 131, hr_max: 152 }) },
        {
          op: "session.finish",
          args: { id: "hr-session", ended_at: "2026-03-02T07:30:00+01:00", hr_avg: 118 },
        },
        { op: "settings.put", args: { max_hr: 188, birth_year: 1986 } },
      ]),
    );
    expect(res.body.acks.map((a: { status: string }) => a.status)).toEqual([
      "applied",
      "applied",
      "applied",
      "applied",
    ]);

    const pulled = await pulledChanges(phone);
    expect(pulled.sets).toEqual([
      {
        ...setArgs("hr-set"),
        hold_s: null,
        side: null,
        weight_kg: null,
        rpe: null,
        target_reps: null,
        target_hold_s: null,
        hr_avg: 131,
        hr_max: 152,
        deleted: false,
        version: 1,
      },
    ]);
    expect(pulled.sessions).toMatchObject([{ id: "hr-session", hr_avg: 118 }]);
    expect(pulled.settings).toMatchObject([{ units: "metric", max_hr: 188, birth_year: 1986 }]);
  });

  it("a set and a session without heart rate are stored and pulled exactly as before", async () => {
    const user = await signUp();
    const watch = await pairDevice(user, "Watch");
    await push(
      watch,
      numbered(1, [
        { op: "session.start", args: { id: "hr-session", started_at: started } },
        { op: "set.log", args: setArgs("plain-set") },
        { op: "session.finish", args: { id: "hr-session", ended_at: started, rpe: 6 } },
        { op: "settings.put", args: { units: "imperial" } },
      ]),
    );
    const pulled = await pulledChanges(watch);
    // The very keys schema 1 always had: no heart-rate key, not even as null.
    expect(Object.keys(pulled.sets[0]).sort()).toEqual(
      [
        "id",
        "session_id",
        "exercise_id",
        "set_index",
        "started_at",
        "ended_at",
        "reps",
        "hold_s",
        "side",
        "weight_kg",
        "rpe",
        "target_reps",
        "target_hold_s",
        "deleted",
        "version",
      ].sort(),
    );
    expect(pulled.sessions[0]).not.toHaveProperty("hr_avg");
    expect(pulled.settings[0]).not.toHaveProperty("max_hr");
    expect(pulled.settings[0]).not.toHaveProperty("birth_year");
    const row = await env.DB.prepare(
      "SELECT hr_avg, hr_max FROM sets WHERE user_id = ?1 AND id = 'plain-set'",
    )
      .bind(user.id)
      .first();
    expect(row).toEqual({ hr_avg: null, hr_max: null });
  });

  it("refuses out-of-range heart rates and settings with a sentence, storing nothing of them", async () => {
    const user = await signUp();
    const watch = await pairDevice(user);
    await push(watch, numbered(1, [{ op: "settings.put", args: { max_hr: 190 } }]));
    const nextYear = new Date().getUTCFullYear() + 1;
    const bad = await push(
      watch,
      numbered(2, [
        { op: "set.log", args: setArgs("s-high", { hr_avg: 251 }) },
        { op: "set.log", args: setArgs("s-low", { hr_max: 24 }) },
        { op: "set.log", args: setArgs("s-frac", { hr_avg: 120.5 }) },
        { op: "set.log", args: setArgs("s-order", { hr_avg: 150, hr_max: 140 }) },
        { op: "session.finish", args: { id: "hr-session", ended_at: started, hr_avg: "fast" } },
        { op: "settings.put", args: { max_hr: 99 } },
        { op: "settings.put", args: { max_hr: 231 } },
        { op: "settings.put", args: { birth_year: 1899 } },
        { op: "settings.put", args: { birth_year: nextYear } },
      ]),
    );
    expect(bad.status).toBe(200);
    const errors = bad.body.acks.map((a: { status: string; error: string }) => {
      expect(a.status).toBe("rejected");
      return a.error;
    });
    const bpm = "Heart rate is a whole number of beats per minute from 25 to 250.";
    const maxHr = "Max heart rate is a whole number of beats per minute from 100 to 230.";
    const year = `Year of birth is a year from 1900 to ${nextYear - 1}, like 1988.`;
    expect(errors).toEqual([
      `hr_avg: ${bpm}`,
      `hr_max: ${bpm}`,
      `hr_avg: ${bpm}`,
      "hr_max: The highest heart rate of a set cannot be below its average.",
      `hr_avg: ${bpm}`,
      `max_hr: ${maxHr}`,
      `max_hr: ${maxHr}`,
      `birth_year: ${year}`,
      `birth_year: ${year}`,
    ]);
    const sets = await env.DB.prepare("SELECT COUNT(*) AS n FROM sets WHERE user_id = ?1")
      .bind(user.id)
      .first<{ n: number }>();
    expect(sets?.n).toBe(0);
    const settings = await env.DB.prepare(
      "SELECT max_hr, birth_year FROM settings WHERE user_id = ?1",
    )
      .bind(user.id)
      .first();
    expect(settings).toEqual({ max_hr: 190, birth_year: null });
  });

  it("settings.put with null clears one heart-rate setting and keeps the others", async () => {
    const user = await signUp();
    const watch = await pairDevice(user);
    await push(
      watch,
      numbered(1, [
        { op: "settings.put", args: { units: "imperial", max_hr: 185, birth_year: 1979 } },
      ]),
    );
    const res = await push(watch, numbered(2, [{ op: "settings.put", args: { max_hr: null } }]));
    expect(res.body.acks).toEqual([{ seq: 2, status: "applied" }]);
    const { settings } = await pulledChanges(watch);
    expect(settings).toHaveLength(1);
    expect(settings[0]).toMatchObject({ units: "imperial", birth_year: 1979 });
    expect(settings[0]).not.toHaveProperty("max_hr");
  });

  it("the OpenAPI document describes the heart-rate fields of pulled sets, sessions and settings", async () => {
    const res = await call("GET", "/openapi.json");
    expect(res.status).toBe(200);
    const text = JSON.stringify(res.body);
    expect(text).toContain("Average heart rate during the set, in bpm (25–250)");
    expect(text).toContain("Highest heart rate during the set, in bpm (25–250)");
    expect(text).toContain("Average heart rate over the session, in bpm (25–250)");
    expect(text).toContain("The runner's max heart rate in bpm (100–230)");
    expect(text).toContain("Year of birth, to estimate max heart rate from age");
  });
});

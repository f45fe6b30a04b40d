// The iCal feed inside workerd with the real D1: the URL and its rotation, and the feed read
// back by an independent parser (ical.js) — every event's summary, start in the runner's zone
// across a DST change, duration, UID and description; stable UIDs; isolation between runners.
import { exports } from "cloudflare:workers";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import {
  call,
  type Device,
  pairDevice,
  push,
  signUp,
  type User,
  uid,
} from "../../../test/apiClient.ts";

const worker = (exports as unknown as { default: Fetcher }).default;

// Tuesdays "Lower body", Fridays calf raises with a weight; five weeks over Berlin's change to
// summer time (28 March 2027), so the last two weeks start at 05:00 UTC instead of 06:00.
const PLAN = {
  name: "Spring block",
  start_date: "2027-03-01",
  weeks: 5,
  days: [
    { weekday: 1, items: [] },
    {
      weekday: 2,
      title: "Lower body",
      items: [
        {
          exercise_id: "squat",
          mode: "reps",
          per_side: false,
          sets: 3,
          target_reps: 10,
          rest_s: 60,
        },
        {
          exercise_id: "plank",
          mode: "hold",
          per_side: false,
          sets: 2,
          target_hold_s: 30,
          rest_s: 30,
        },
      ],
    },
    {
      weekday: 5,
      title: "Feet, calves; springs",
      items: [
        {
          ...{ exercise_id: "calf-raise", mode: "reps", per_side: true, sets: 2, target_reps: 15 },
          ...{ rest_s: 45, weight_kg: 10 },
        },
      ],
    },
  ],
};

const RUN_URL = (date: string) => `http://localhost/run?date=${date}`;
const LIGHTER = "Lighter week: one set fewer, so your body absorbs the work.";

/** What the feed must say, written out by hand (minutes from sets × (work + rest) + 30 s). */
function expected(date: string, week: number) {
  const deload = week === 4;
  const summer = date >= "2027-03-28";
  const start = `${date}T0${summer ? 5 : 6}:00:00.000Z`;
  const tuesday = new Date(`${date}T12:00:00Z`).getUTCDay() === 2;
  const lines = tuesday
    ? [`Squat: ${deload ? 2 : 3} × 10 · rest 1 min`, `Plank: ${deload ? 1 : 2} × 30 s · rest 30 s`]
    : [`Calf raise: ${deload ? 1 : 2} × 15 each side · 10 kg · rest 45 s`];
  const minutes = tuesday ? (deload ? 5 : 8) : deload ? 3 : 5;
  return {
    uid: `plan-${planIdOf.get(date) ?? ""}-${date}@runstrong`,
    summary: tuesday ? "Strength: Lower body" : "Strength: Feet, calves; springs",
    start,
    seconds: minutes * 60,
    description: [
      `Week ${week} · about ${minutes} min`,
      ...(deload ? [LIGHTER] : []),
      "",
      ...lines,
      "",
      `Start it on your watch or at ${RUN_URL(date)}`,
    ].join("\n"),
  };
}
const planIdOf = new Map<string, string>();

async function fetchFeed(url: string) {
  const res = await worker.fetch(new Request(url));
  return { status: res.status, headers: res.headers, text: await res.text() };
}

function events(ics: string) {
  const cal = new ICAL.Component(ICAL.parse(ics));
  return cal
    .getAllSubcomponents("vevent")
    .map((c) => new ICAL.Event(c))
    .map((e) => ({
      uid: e.uid,
      summary: e.summary,
      start: e.startDate.toJSDate().toISOString(),
      seconds: e.duration.toSeconds(),
      description: e.description,
    }));
}

async function runnerWithPlan(): Promise<{ user: User; watch: Device; planId: string }> {
  const user = await signUp();
  const watch = await pairDevice(user);
  const planId = uid("plan");
  const res = await push(watch, [
    { seq: 1, op: "plan.put", args: { id: planId, base_rev: 0, plan: PLAN } },
    {
      seq: 2,
      op: "settings.put",
      args: { active_plan_id: planId, time_zone: "Europe/Berlin" },
    },
  ]);
  expect(res.body.acks.map((a: { status: string }) => a.status)).toEqual(["applied", "applied"]);
  return { user, watch, planId };
}

async function feedUrlOf(user: User): Promise<string> {
  const res = await call("GET", "/calendar", { cookie: user.cookie });
  expect(res.status).toBe(200);
  return res.body.url;
}

describe("GET /calendar", () => {
  it("answers a secret URL (256 bits, URL-safe) on this origin, the same on every call", async () => {
    const user = await signUp();
    const url = await feedUrlOf(user);
    expect(url).toMatch(/^http:\/\/localhost\/cal\/[A-Za-z0-9_-]{43}\.ics$/);
    expect(await feedUrlOf(user)).toBe(url);
    const watch = await pairDevice(user);
    expect((await call("GET", "/calendar", { token: watch.token })).body.url).toBe(url);
  });

  it("needs an account", async () => {
    const res = await call("GET", "/calendar");
    expect(res.status).toBe(401);
    expect(res.body.error).toBe("unauthorized");
  });
});

describe("GET /cal/{secret}.ics", () => {
  it("without an active plan is a valid calendar with no events, never cached", async () => {
    const user = await signUp();
    const feed = await fetchFeed(await feedUrlOf(user));
    expect(feed.status).toBe(200);
    expect(feed.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(feed.headers.get("cache-control")).toBe("no-store");
    const cal = new ICAL.Component(ICAL.parse(feed.text));
    expect(cal.getFirstPropertyValue("prodid")).toBe("-//runstrong//Strength plan feed//EN");
    expect(cal.getFirstPropertyValue("calscale")).toBe("GREGORIAN");
    expect(cal.getFirstPropertyValue("x-wr-calname")).toBe("runstrong strength sessions");
    expect(events(feed.text)).toEqual([]);
  });

  it("holds every planned session: summary, 07:00 Berlin across DST, duration, UID, description", async () => {
    const { user, planId } = await runnerWithPlan();
    const feed = await fetchFeed(await feedUrlOf(user));
    expect(feed.status).toBe(200);
    expect(feed.text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(feed.text.split("\r\n").every((l) => new TextEncoder().encode(l).length <= 75)).toBe(
      true,
    );
    const dates = [
      ...["2027-03-02", "2027-03-05", "2027-03-09", "2027-03-12", "2027-03-16"],
      ...["2027-03-19", "2027-03-23", "2027-03-26", "2027-03-30", "2027-04-02"],
    ];
    for (const d of dates) planIdOf.set(d, planId);
    const want = dates.map((d, i) => expected(d, Math.floor(i / 2) + 1));
    expect(events(feed.text)).toEqual(want);
  });

  it("keeps every UID across fetches and across edits of the plan, which update the events", async () => {
    const { user, watch, planId } = await runnerWithPlan();
    const url = await feedUrlOf(user);
    const first = events((await fetchFeed(url)).text);
    const second = events((await fetchFeed(url)).text);
    expect(second.map((e) => e.uid)).toEqual(first.map((e) => e.uid));
    const edited = {
      ...PLAN,
      name: "Spring block, renamed",
      notes: "Edited elsewhere",
      days: PLAN.days.map((d) =>
        d.weekday === 2 ? { ...d, items: d.items.map((i) => ({ ...i, rest_s: 90 })) } : d,
      ),
    };
    const put = await push(watch, [
      { seq: 3, op: "plan.put", args: { id: planId, base_rev: 1, plan: edited } },
    ]);
    expect(put.body.acks[0].status).toBe("applied");
    const third = events((await fetchFeed(url)).text);
    expect(third.map((e) => e.uid)).toEqual(first.map((e) => e.uid));
    expect(third[0]?.description).toContain("Squat: 3 × 10 · rest 1 min 30 s");
    expect(third[1]).toEqual(first[1]);
  });

  it("answers 404 for unknown or malformed secrets", async () => {
    const user = await signUp();
    const url = await feedUrlOf(user);
    const secret = url.slice(url.lastIndexOf("/") + 1, -4);
    const other = secret.startsWith("A") ? `B${secret.slice(1)}` : `A${secret.slice(1)}`;
    for (const path of [
      `/cal/${other}.ics`,
      `/cal/${secret}`,
      `/cal/${secret}.txt`,
      `/cal/${secret.slice(1)}.ics`,
      "/cal/.ics",
      `/cal/${"%27".repeat(20)}.ics`,
    ]) {
      const res = await fetchFeed(`http://localhost${path}`);
      expect(res.status, path).toBe(404);
      expect(JSON.parse(res.text).error, path).toBe("not_found");
    }
  });
});

describe("POST /calendar/rotate", () => {
  it("gives a new URL; the old one answers 404 from then on and the new one works", async () => {
    const { user } = await runnerWithPlan();
    const old = await feedUrlOf(user);
    const before = events((await fetchFeed(old)).text);
    const rotated = await call("POST", "/calendar/rotate", { cookie: user.cookie });
    expect(rotated.status).toBe(200);
    expect(rotated.body.url).toMatch(/^http:\/\/localhost\/cal\/[A-Za-z0-9_-]{43}\.ics$/);
    expect(rotated.body.url).not.toBe(old);
    const gone = await fetchFeed(old);
    expect(gone.status).toBe(404);
    expect(JSON.parse(gone.text)).toMatchObject({ error: "not_found" });
    expect(events((await fetchFeed(rotated.body.url)).text)).toEqual(before);
    expect(await feedUrlOf(user)).toBe(rotated.body.url);
  });

  it("refuses a cross-site request and changes nothing", async () => {
    const user = await signUp();
    const url = await feedUrlOf(user);
    const res = await call("POST", "/calendar/rotate", {
      cookie: user.cookie,
      headers: { origin: "https://evil.example" },
    });
    expect(res.status).toBe(403);
    expect(await feedUrlOf(user)).toBe(url);
  });
});

describe("isolation", () => {
  it("another runner gets only their own feed, and their rotation leaves A's URL working", async () => {
    const a = await runnerWithPlan();
    const aUrl = await feedUrlOf(a.user);
    const b = await signUp();
    const bUrl = await feedUrlOf(b);
    expect(bUrl).not.toBe(aUrl);
    expect(events((await fetchFeed(bUrl)).text)).toEqual([]);
    const rotated = await call("POST", "/calendar/rotate", { cookie: b.cookie });
    expect(rotated.body.url).not.toBe(aUrl);
    expect((await fetchFeed(aUrl)).status).toBe(200);
    expect(events((await fetchFeed(aUrl)).text)).toHaveLength(10);
  });

  it("a deleted account's feed answers 404", async () => {
    const { user } = await runnerWithPlan();
    const url = await feedUrlOf(user);
    const del = await call("POST", "/account/delete-account", {
      cookie: user.cookie,
      body: { password: "correct horse battery" },
    });
    expect(del.status).toBe(204);
    expect((await fetchFeed(url)).status).toBe(404);
  });
});

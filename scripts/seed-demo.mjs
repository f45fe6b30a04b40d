// `npm run seed:demo`: fills the LOCAL database with a demo account and ten weeks of realistic
// history (a plan built by POST /plans/generate from the demo's running week, the strength
// sessions of that plan, runs, assessments), through the real API: sign-up, device pairing,
// then POST /sync/push in pushes of at most 200 mutations, exactly as a watch would. Nothing is
// logged later than the moment it runs.
//
// Uses the Worker at http://127.0.0.1:$PORT (8787 by default; or `--server URL`) if one answers;
// otherwise applies the migrations to the local D1, starts `wrangler dev` on that port itself,
// seeds and stops it again.
// Idempotent: an account that already has synced data is left alone, unless `--force`, which
// deletes the demo account (through the API) and seeds it afresh.

import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { localApi, sessionCookie } from "./localApi.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const HOST = "127.0.0.1";
const serverArg = process.argv.indexOf("--server");
const SERVER = serverArg >= 0 ? process.argv[serverArg + 1] : undefined;
const PORT = Number(SERVER ? new URL(SERVER).port || 80 : (process.env.PORT ?? 8787));
const BASE = SERVER ? SERVER.replace(/\/+$/, "") : `http://${HOST}:${PORT}`;
const API = `${BASE}/api/v1`;
const EMAIL = "demo@runstrong.local";
const PASSWORD = "demo-runner-1";
const PLAN_ID = "demo-plan-hm-base";
const WEEKS = 10;
const MAX_PUSH = 200;
const SEED = 20_26_11;
const FORCE = process.argv.includes("--force");

const BIN = join(ROOT, "node_modules", ".bin");
const ENV = {
  ...process.env,
  // The repo's Node 22 first: wrangler refuses older ones.
  PATH: `${BIN}:${process.env.PATH ?? ""}`,
  WRANGLER_SEND_METRICS: "false",
  NO_UPDATE_NOTIFIER: "1",
  WRANGLER_HIDE_BANNER: "true",
  // Miniflare would otherwise try to download the Request.cf object: no network here.
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
};

// ---------------------------------------------------------------------------------------------
// Deterministic pseudo-random numbers (mulberry32), so every run produces the same shape.

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(SEED);
const between = (lo, hi) => lo + (hi - lo) * rand();
const intBetween = (lo, hi) => Math.floor(between(lo, hi + 1));
const chance = (p) => rand() < p;
const pick = (items) => items[Math.floor(rand() * items.length)];

/** Dumbbell weights in kg: starting weight and the step added every third week. */
const WEIGHTS = {
  deadlift: [14, 2],
  "dumbbell-row": [10, 1],
  "overhead-press": [6, 1],
  "goblet-squat": [12, 2],
  "calf-raise": [8, 2],
};
const weightFor = (exerciseId, week) => {
  const w = WEIGHTS[exerciseId];
  return w ? w[0] + w[1] * Math.floor(week / 3) : undefined;
};

// ---------------------------------------------------------------------------------------------
// HTTP

const { call, expect, pairDevice: pairThrough } = localApi(BASE, { timeoutMs: 20_000 });

async function answers() {
  try {
    const res = await fetch(`${API}/exercises`, { signal: AbortSignal.timeout(2000) });
    return res.status === 200;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// A Worker of our own when none is running

function startOwnWorker() {
  const wrangler = join(BIN, "wrangler");
  if (!existsSync(wrangler))
    throw new Error("node_modules/.bin/wrangler is missing: run npm install");
  console.log("No Worker answers at", BASE, "- applying migrations and starting wrangler dev…");
  // Every D1 store in wrangler.toml gets the same migrations (store 0, then store 1).
  for (const store of ["runstrong", "runstrong-1"]) {
    const migrate = spawnSync(wrangler, ["d1", "migrations", "apply", store, "--local"], {
      cwd: ROOT,
      env: ENV,
      stdio: ["ignore", "pipe", "pipe"],
      encoding: "utf8",
      timeout: 60_000,
    });
    if (migrate.status !== 0) {
      throw new Error(`migrations of ${store} failed:\n${migrate.stdout}\n${migrate.stderr}`);
    }
  }
  const log = [];
  const child = spawn(
    wrangler,
    ["dev", "--ip", HOST, "--port", String(PORT), "--show-interactive-dev-session=false"],
    { cwd: ROOT, env: ENV, stdio: ["ignore", "pipe", "pipe"], detached: true },
  );
  const keep = (chunk) => {
    log.push(String(chunk));
    if (log.length > 200) log.shift();
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  let exited = false;
  const exit = new Promise((resolve) =>
    child.on("exit", () => {
      exited = true;
      resolve();
    }),
  );
  const stop = async () => {
    if (exited) return;
    try {
      process.kill(-child.pid, "SIGTERM"); // its own process group: wrangler and its workerd
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }, 5000);
    await exit;
    clearTimeout(timer);
  };
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => stop().then(() => process.exit(130)));
  }
  const ready = (async () => {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (exited) throw new Error(`wrangler dev exited early:\n${log.join("")}`);
      if (await answers()) return;
      await new Promise((r) => setTimeout(r, 300));
    }
    throw new Error(`wrangler dev did not answer within 60 s:\n${log.join("")}`);
  })();
  return { ready, stop };
}

// ---------------------------------------------------------------------------------------------
// Dates

const DAY_MS = 86_400_000;
const pad = (n) => String(n).padStart(2, "0");
const ymd = (d) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const compact = (d) => ymd(d).replaceAll("-", "");
/** ISO weekday, 1 = Monday … 7 = Sunday. */
const weekday = (d) => ((d.getUTCDay() + 6) % 7) + 1;

function todayUtc() {
  const now = new Date();
  return new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()));
}

// ---------------------------------------------------------------------------------------------
// The demo history

/** Long run per week in km: builds, with a cut-back week every fourth week. */
const LONG_RUN_KM = [12, 13, 14.5, 12, 15.5, 16.5, 18, 14, 19, 20];

/** The demo runner's week, as the plan builder takes it (POST /plans/generate). */
function planRequest(startDate) {
  return {
    running_week: [
      { weekday: 1, run: "rest" },
      { weekday: 2, run: "easy", distance_m: 7000 },
      { weekday: 3, run: "tempo", distance_m: 9000 },
      { weekday: 4, run: "easy", distance_m: 5000 },
      { weekday: 5, run: "rest" },
      { weekday: 6, run: "long", distance_m: 16000 },
      { weekday: 7, run: "easy", duration_s: 2400 },
    ],
    sessions_per_week: 3,
    minutes: 40,
    equipment: ["dumbbell", "step"],
    level: "some",
    start_date: ymd(startDate),
    weeks: 12,
    race_date: ymd(new Date(startDate.getTime() + (14 * 7 - 1) * DAY_MS)),
  };
}

const SESSION_NOTES = [
  "Felt strong today.",
  "Legs still heavy from the long run.",
  "Short on time: rushed the rests.",
  "Left side clearly weaker on the single-leg work.",
  "Good form throughout; ready to add weight.",
  "Hot evening, took longer breaks.",
];

/** Reps or hold of one set: grows over the weeks, drops a little with fatigue in later sets. */
function setResult(item, week, setIndex, side) {
  const progress = week / (WEEKS - 1);
  const sideFactor = side === "left" ? 0.95 : 1; // a slightly weaker left that catches up
  const catchUp = side === "left" ? 0.05 * progress : 0;
  if (item.mode === "hold") {
    const target = item.target_hold_s ?? 45;
    const held = target * ((0.7 + 0.35 * progress) * (sideFactor + catchUp) - setIndex * 0.04);
    // A watch stops the timer at the target, so a hold never exceeds it.
    const noisy = Math.round(held + between(-0.05, 0.05) * target);
    return { hold_s: Math.max(1, Math.min(target, noisy)), target_hold_s: target };
  }
  if (item.mode === "amrap") {
    const reps = 14 + 1.1 * week - setIndex * 2.5 + between(-1, 1);
    return { reps: Math.max(3, Math.round(reps)) };
  }
  const target = item.target_reps ?? 10;
  const reps = target * (0.8 + 0.25 * progress) * (sideFactor + catchUp) - setIndex * 0.7;
  return {
    reps: Math.max(1, Math.min(target + 3, Math.round(reps + between(-1, 1)))),
    target_reps: target,
  };
}

function strengthSession(out, stats, day, date, week, now) {
  const weekdayNo = day.weekday;
  const id = `demo-s-${compact(date)}-${weekdayNo}`;
  // Evenings, around 18:00-19:30 UTC; one that would start after now has not happened yet.
  let t = date.getTime() + Math.round(between(18 * 60, 19.5 * 60)) * 60_000;
  if (t + 60 * 60_000 > now) return;
  out.push({
    op: "session.start",
    args: {
      id,
      started_at: new Date(t).toISOString(),
      plan_id: PLAN_ID,
      plan_day: weekdayNo,
      source: "plan",
      name: day.title ?? "Strength",
    },
  });
  t += 3 * 60_000; // warm-up
  let ordinal = 0;
  for (const item of day.items) {
    const sides = item.per_side ? ["left", "right"] : [undefined];
    const weight = weightFor(item.exercise_id, week);
    for (let setIndex = 0; setIndex < item.sets; setIndex++) {
      for (const side of sides) {
        const result = setResult(item, week, setIndex, side);
        const seconds = result.hold_s ?? Math.round(result.reps * between(2.5, 3.5));
        const startedAt = new Date(t).toISOString();
        t += seconds * 1000;
        ordinal++;
        const args = {
          id: `${id}-${ordinal}`,
          session_id: id,
          exercise_id: item.exercise_id,
          set_index: setIndex,
          started_at: startedAt,
          ended_at: new Date(t).toISOString(),
          ...result,
        };
        if (side) args.side = side;
        if (weight !== undefined) args.weight_kg = weight;
        if (chance(0.25)) args.rpe = intBetween(6, 8);
        out.push({ op: "set.log", args });
        stats.sets++;
        t += (side === "left" ? 10 : item.rest_s + intBetween(-5, 20)) * 1000;
      }
    }
  }
  const finish = { id, ended_at: new Date(t + 2 * 60_000).toISOString() };
  if (chance(0.8)) finish.rpe = intBetween(5, 8);
  if (chance(0.35)) finish.notes = pick(SESSION_NOTES);
  out.push({ op: "session.finish", args: finish });
  stats.sessions++;
}

function run(out, stats, date, week, kind, km, notes, durationS) {
  // Paces in s/km, a little faster every week.
  const pace = { easy: 365, long: 375, tempo: 305, intervals: 330 }[kind] - week * 1.5;
  const duration = durationS ?? Math.round(km * (pace + between(-8, 8)));
  const args = {
    id: `demo-r-${compact(date)}`,
    date: ymd(date),
    distance_m: Math.round(km * 1000),
    duration_s: duration,
    kind,
  };
  const hr = { easy: 142, long: 148, tempo: 163, intervals: 158, race: 174 }[kind];
  if (hr && chance(0.8)) args.avg_hr = Math.round(hr - week * 0.4 + between(-3, 3));
  if (notes) args.notes = notes;
  out.push({ op: "run.log", args });
  stats.runs++;
}

function assessments(out, stats, date, round, only) {
  // round 0, 1, 2: every four weeks, each a little better.
  const values = {
    plank_hold: 70 + round * 22,
    side_plank_hold_left: 38 + round * 9,
    side_plank_hold_right: 45 + round * 7,
    push_up_max: 16 + round * 4,
    single_leg_squat_left: 7 + round * 3,
    single_leg_squat_right: 9 + round * 2,
    single_leg_calf_raise_left: 17 + round * 4,
    single_leg_calf_raise_right: 20 + round * 3,
    time_5k: 1640 - round * 42,
  };
  let n = 0;
  let time5k;
  for (const [test, base] of Object.entries(values)) {
    if ((test === "time_5k") !== (only === "run")) continue;
    const noise = test === "time_5k" ? intBetween(-6, 6) : intBetween(-1, 1);
    if (test === "time_5k") time5k = base + noise;
    out.push({
      op: "assessment.log",
      args: {
        id: `demo-a-${compact(date)}-${n++}`,
        date: ymd(date),
        test,
        value: base + noise,
        ...(round === 0 && test === "plank_hold" ? { notes: "Baseline before the block." } : {}),
      },
    });
    stats.assessments++;
  }
  return time5k;
}

/** Monday of the first demo week: ten weeks ago, so the last week is this one. */
function demoStart() {
  const today = todayUtc();
  const thisMonday = new Date(today.getTime() - (weekday(today) - 1) * DAY_MS);
  return new Date(thisMonday.getTime() - (WEEKS - 1) * 7 * DAY_MS);
}

function buildHistory(plan, start) {
  const now = Date.now();
  const today = todayUtc();
  const out = [];
  const stats = { sessions: 0, sets: 0, runs: 0, assessments: 0 };
  out.push({ op: "plan.put", args: { id: PLAN_ID, base_rev: 0, plan } });
  out.push({
    op: "settings.put",
    args: { active_plan_id: PLAN_ID, units: "metric", rest_s_default: 60, time_zone: "UTC" },
  });
  for (let week = 0; week < WEEKS; week++) {
    const thursdayRun = chance(0.5);
    const sundayRun = chance(0.7);
    const testWeek = week % 4 === 0;
    for (let d = 1; d <= 7; d++) {
      const date = new Date(start.getTime() + (week * 7 + d - 1) * DAY_MS);
      if (date > today) break;
      const day = plan.days.find((x) => x.weekday === d);
      // Runs are logged in the morning: today's only once the morning is over.
      const ranAlready = date < today || new Date(now).getUTCHours() >= 9;
      if (testWeek && d === 1) assessments(out, stats, date, week / 4, "strength");
      if (ranAlready) {
        if (d === 2) run(out, stats, date, week, "easy", between(6, 8));
        if (d === 3) {
          if (testWeek) {
            const seconds = assessments(out, stats, date, week / 4, "run");
            run(
              out,
              stats,
              date,
              week,
              "race",
              5,
              "5 km time trial, all out on the track.",
              seconds,
            );
          } else if (week % 2 === 1) {
            run(
              out,
              stats,
              date,
              week,
              "tempo",
              between(8, 10),
              "2 km warm-up, 5 km at tempo, cool-down.",
            );
          } else {
            const reps = 5 + Math.floor(week / 3);
            run(out, stats, date, week, "intervals", 8, `${reps}×800 m with 400 m jog recoveries.`);
          }
        }
        if (d === 4 && thursdayRun) run(out, stats, date, week, "easy", between(5, 6));
        if (d === 6) run(out, stats, date, week, "long", LONG_RUN_KM[week] + between(-0.3, 0.3));
        if (d === 7 && sundayRun)
          run(out, stats, date, week, "easy", between(5, 7), "Recovery pace.");
      }
      // Nine sessions in ten happen as planned.
      if (day?.items.length && chance(0.9)) strengthSession(out, stats, day, date, week, now);
    }
  }
  return { mutations: out, stats, today };
}

// ---------------------------------------------------------------------------------------------

async function signIn() {
  const signup = await call("POST", "/auth/signup", { body: { email: EMAIL, password: PASSWORD } });
  if (signup.status === 201) return { cookie: sessionCookie(signup), created: true };
  if (signup.status !== 409) expect(signup, 201, "sign-up");
  const login = await call("POST", "/auth/login", { body: { email: EMAIL, password: PASSWORD } });
  expect(login, 200, "log-in (the demo account exists with another password?)");
  return { cookie: sessionCookie(login), created: false };
}

function pairDevice(cookie) {
  return pairThrough(cookie, "Demo watch", "sim");
}

async function pushAll(token, bodies) {
  const counts = { applied: 0, duplicate: 0, rejected: 0, conflict: 0 };
  let seq = 1;
  for (let i = 0; i < bodies.length; i += MAX_PUSH) {
    const mutations = bodies.slice(i, i + MAX_PUSH).map((b) => ({ seq: seq++, ...b }));
    const res = expect(
      await call("POST", "/sync/push", { token, body: { schema: 1, mutations } }),
      200,
      "push",
    );
    for (const ack of res.acks) {
      counts[ack.status] = (counts[ack.status] ?? 0) + 1;
      if (ack.status === "rejected" || ack.status === "conflict") {
        const m = mutations.find((x) => x.seq === ack.seq);
        console.warn(`  seq ${ack.seq} ${m?.op} ${ack.status}: ${ack.error ?? ""}`);
      }
    }
  }
  return { counts, pushes: Math.ceil(bodies.length / MAX_PUSH) };
}

async function main() {
  const t0 = performance.now();
  let own = null;
  if (!(await answers())) {
    own = startOwnWorker();
    await own.ready;
  } else {
    console.log("Using the Worker already running at", BASE);
  }
  try {
    let { cookie, created } = await signIn();
    if (!created) {
      const devices = expect(await call("GET", "/devices", { cookie }), 200, "devices").devices;
      const synced = devices.some((d) => (d.last_seq ?? 0) > 0);
      if (synced && !FORCE) {
        console.log(`The demo account already has data: nothing to do (--force re-seeds it).`);
        printLogin(own);
        return;
      }
      if (synced) {
        const del = await call("POST", "/account/delete-account", {
          cookie,
          body: { password: PASSWORD },
        });
        expect(del, 204, "delete the demo account");
        console.log("--force: deleted the existing demo account.");
        ({ cookie } = await signIn());
      }
    }

    const token = await pairDevice(cookie);
    const start = demoStart();
    const built = expect(
      await call("POST", "/plans/generate", { token, body: planRequest(start) }),
      200,
      "build the plan",
    );
    for (const v of built.violations) console.warn(`  plan rule ${v.rule}: ${v.message}`);
    const plan = { ...built.plan, name: "Half-marathon base + strength" };
    const { mutations, stats, today } = buildHistory(plan, start);
    const { counts, pushes } = await pushAll(token, mutations);
    if (counts.rejected || counts.conflict) {
      throw new Error(`the server refused ${counts.rejected + counts.conflict} mutations (above)`);
    }
    const seconds = ((performance.now() - t0) / 1000).toFixed(1);
    console.log(`
Seeded ${ymd(start)} … ${ymd(today)} (${WEEKS} weeks; plan from POST /plans/generate):
  ${stats.sessions} strength sessions, ${stats.sets} sets, ${stats.runs} runs, ${stats.assessments} assessments,
  1 plan ("Half-marathon base + strength", active)
  ${mutations.length} mutations in ${pushes} pushes: ${counts.applied} applied, ${counts.duplicate} duplicate (${seconds} s)`);
    printLogin(own);
  } finally {
    if (own) await own.stop();
  }
}

function printLogin(own) {
  console.log(`
Demo account
  email     ${EMAIL}
  password  ${PASSWORD}
Open ${BASE}/${own ? "  (start the app first: npm start)" : ""}`);
}

main().catch((err) => {
  console.error(`seed:demo failed: ${err.message}`);
  process.exit(1);
});

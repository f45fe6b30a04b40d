// Server-rendered pages of the web view (Hono JSX) and the two small JSON endpoints their
// scripts read (/web/state.json for freshness, /web/progress.json for the charts). Every query
// is scoped by the signed-in user; writes go through the sync API from the page scripts.
import { exerciseById } from "@runstrong/shared/catalog";
import { type Context, Hono } from "hono";
import type { AppEnv } from "../appEnv.ts";
import { loadAssessmentDue } from "./data/assessments.ts";
import { listHistory } from "./data/history.ts";
import { listDevices, loadOverview } from "./data/overview.ts";
import { loadPlan } from "./data/plan.ts";
import { loadProgress, RANGES } from "./data/progress.ts";
import { loggedExercises, sessionDetail } from "./data/sessions.ts";
import { loadUpcoming } from "./data/upcoming.ts";
import { addDays, isIsoDate, isoWeekday, localDate, startOfLocalDay } from "./format.ts";
import type { Script } from "./layout.tsx";
import { notFound, page, signInFirst } from "./pageFrame.tsx";
import { AccountPage, DevicesPage, PairPage, WelcomePage } from "./pages/account.tsx";
import { Dashboard } from "./pages/dashboard.tsx";
import { ExercisePage, LibraryPage } from "./pages/exercises.tsx";
import { type HistoryFilters, HistoryPage } from "./pages/history.tsx";
import { ProgressPage } from "./pages/progress.tsx";
import { RunPage, runnerHeartRate, runOptions } from "./pages/run.tsx";
import { SessionDetailPage } from "./pages/sessionDetail.tsx";
import { assessmentsRoutes } from "./routes/assessments.routes.tsx";
import { planRoutes } from "./routes/plan.routes.tsx";
import { runsRoutes } from "./routes/runs.routes.tsx";
import { sharedPlanRoutes } from "./routes/sharedPlan.routes.tsx";
import { loadViewer } from "./viewer.ts";

type C = Context<AppEnv>;

const PAGE_SIZE = 20;

function parseHistoryFilters(c: C, known: Set<string>): HistoryFilters {
  const exercise = (c.req.query("exercise") ?? "").trim();
  const from = (c.req.query("from") ?? "").trim();
  const to = (c.req.query("to") ?? "").trim();
  const rawPage = (c.req.query("page") ?? "0").trim().slice(0, 40);
  const pageNo = Number(rawPage);
  const pageOk = /^\d+$/.test(rawPage) && pageNo <= 10_000;
  const f: HistoryFilters = { exercise, from, to, page: pageOk ? pageNo : 0, errors: {} };
  // A page that cannot exist says so (and shows the newest) instead of quietly showing page 0.
  if (!pageOk) f.pageProblem = `There is no page “${rawPage}” of your history; here is the newest.`;
  if (exercise && !known.has(exercise) && !exerciseById(exercise)) {
    f.errors.exercise = "Choose an exercise from the list.";
  }
  if (from && !isIsoDate(from)) f.errors.from = "Enter a date as YYYY-MM-DD.";
  if (to && !isIsoDate(to)) f.errors.to = "Enter a date as YYYY-MM-DD.";
  if (from && to && !f.errors.from && !f.errors.to && from > to) {
    f.errors.to = "The end date is before the start date.";
  }
  return f;
}

function weeksParam(c: C): number {
  const n = Number(c.req.query("weeks") ?? "12");
  return (RANGES as readonly number[]).includes(n) ? n : 12;
}

export const webRoutes = new Hono<AppEnv>()
  .route("/plan", planRoutes)
  .route("/runs", runsRoutes)
  .route("/assessments", assessmentsRoutes)
  .route("/shared/plans", sharedPlanRoutes)
  .get("/", async (c) => {
    const v = await loadViewer(c);
    if (!v) {
      return page(
        c,
        null,
        { title: "Strength for runners" },
        <WelcomePage deleted={c.req.query("deleted") === "1"} />,
      );
    }
    const [o, due] = await Promise.all([
      loadOverview(c.get("db"), v),
      loadAssessmentDue(c.get("db"), v),
    ]);
    return page(
      c,
      v,
      { title: "This week", tab: "today", live: true },
      <Dashboard o={o} v={v} due={due} />,
    );
  })
  .get("/pair", async (c) => {
    const v = await loadViewer(c);
    const code = (c.req.query("code") ?? "").slice(0, 40);
    return page(c, v, { title: "Pair a watch", tab: "devices" }, <PairPage v={v} code={code} />);
  })
  .get("/devices", async (c) => {
    const v = await loadViewer(c);
    if (!v) return signInFirst(c, "Devices", "devices", "your devices");
    const devices = await listDevices(c.get("db"), v.userId);
    return page(
      c,
      v,
      { title: "Devices", tab: "devices", live: true },
      <DevicesPage v={v} devices={devices} />,
    );
  })
  .get("/account", async (c) => {
    const v = await loadViewer(c);
    if (!v) return signInFirst(c, "Account", "account", "your account");
    return page(c, v, { title: "Account", tab: "account" }, <AccountPage v={v} />);
  })
  .get("/history", async (c) => {
    const v = await loadViewer(c);
    if (!v) return signInFirst(c, "History", "history", "your sessions");
    const db = c.get("db");
    const exercises = await loggedExercises(db, v.userId);
    const f = parseHistoryFilters(c, new Set(exercises.map((e) => e.id)));
    const bad = Object.keys(f.errors).length > 0;
    const q = {
      offset: f.page * PAGE_SIZE,
      limit: PAGE_SIZE,
      ...(f.exercise && !f.errors.exercise ? { exercise: f.exercise } : {}),
      ...(f.from && !f.errors.from
        ? { fromMs: startOfLocalDay(f.from, v.tz), fromDate: f.from }
        : {}),
      ...(f.to && !f.errors.to && !bad
        ? { toMs: startOfLocalDay(addDays(f.to, 1), v.tz), toDate: f.to }
        : {}),
    };
    const { items, more } = bad
      ? { items: [], more: false }
      : await listHistory(db, v.userId, v.tz, q);
    const deleted = c.req.query("deleted");
    const flash =
      deleted === "1"
        ? "Session deleted."
        : deleted === "queued"
          ? "Session deleted on this phone; it syncs when you are back online."
          : undefined;
    return page(
      c,
      v,
      { title: "History", tab: "history", live: !bad },
      <HistoryPage v={v} f={f} items={items} more={more} exercises={exercises} flash={flash} />,
      200,
    );
  })
  .get("/history/:id", async (c) => {
    const v = await loadViewer(c);
    if (!v) return signInFirst(c, "Session", "history", "this session");
    const id = c.req.param("id");
    const found = id.length <= 40 ? await sessionDetail(c.get("db"), v.userId, id) : null;
    if (!found) return notFound(c, v, "Session", "/history");
    return page(
      c,
      v,
      { title: found.session.name ?? "Session", tab: "history", live: true },
      <SessionDetailPage v={v} s={found.session} sets={found.sets} />,
    );
  })
  .get("/exercises", async (c) => {
    const v = await loadViewer(c);
    const usage = new Map(
      v ? (await loggedExercises(c.get("db"), v.userId)).map((e) => [e.id, e.n] as const) : [],
    );
    const q = (c.req.query("q") ?? "").slice(0, 80);
    return page(c, v, { title: "Exercises", tab: "library" }, <LibraryPage q={q} usage={usage} />);
  })
  .get("/exercises/:id", async (c) => {
    const v = await loadViewer(c);
    const e = exerciseById(c.req.param("id"));
    if (!e) return notFound(c, v, "Exercise", "/exercises");
    const logged = v
      ? ((await loggedExercises(c.get("db"), v.userId)).find((x) => x.id === e.id)?.n ?? 0)
      : 0;
    return page(c, v, { title: e.name, tab: "library" }, <ExercisePage e={e} logged={logged} />);
  })
  .get("/progress", async (c) => {
    const v = await loadViewer(c);
    if (!v) return signInFirst(c, "Progress", "progress", "your progress");
    const weeks = weeksParam(c);
    const d = await loadProgress(c.get("db"), v, weeks);
    const script: Script = "progress";
    return page(
      c,
      v,
      { title: "Progress", tab: "progress", script, styles: ["/static/dist/uplot.css"] },
      <ProgressPage v={v} d={d} weeks={weeks} />,
    );
  })
  .get("/run", async (c) => {
    const v = await loadViewer(c);
    if (!v) return signInFirst(c, "Run a session", "run", "your plan and routines");
    const db = c.get("db");
    const plan = await loadPlan(db, v.userId, v.activePlanId);
    const today = localDate(v.now, v.tz);
    const upcoming = await loadUpcoming(db, v.userId, plan, today, v.tz);
    const days = upcoming?.days ?? [];
    // ?date=YYYY-MM-DD picks a day of the coming week; the older ?day=<weekday> still works.
    const date = c.req.query("date") ?? "";
    const weekday = Number(c.req.query("day"));
    const selected =
      days.find((d) => d.date === date)?.date ??
      days.find((d) => isoWeekday(d.date) === weekday)?.date ??
      null;
    return page(
      c,
      v,
      { title: "Run a session", tab: "run", script: "run" },
      <RunPage
        options={runOptions(plan, days, today, v.lang)}
        selectedDate={selected}
        heartRate={runnerHeartRate(v)}
      />,
    );
  })
  .get("/web/state.json", async (c) => {
    const v = await loadViewer(c);
    c.header("Cache-Control", "no-store");
    if (!v) return c.json({ error: "unauthorized", message: "Sign in first." }, 401);
    return c.json({ state: v.state, web_device_id: v.webDeviceId, web_last_seq: v.webLastSeq });
  })
  .get("/web/progress.json", async (c) => {
    const v = await loadViewer(c);
    c.header("Cache-Control", "private, no-cache");
    if (!v) return c.json({ error: "unauthorized", message: "Sign in first." }, 401);
    return c.json(await loadProgress(c.get("db"), v, weeksParam(c)));
  });

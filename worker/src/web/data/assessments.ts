// Fitness assessments for the web view, from this user's rows only: every test (left/right
// pairs together) with its latest result and history, the chart series, when the next
// assessment is due against the active plan, and the level the latest results suggest.
import {
  type AssessmentDue,
  type AssessmentResults,
  assessmentDue,
  type LevelSuggestion,
  suggestLevel,
} from "@runstrong/shared/plans";
import { type AssessmentTestId, assessmentTests, type PlanLevel } from "@runstrong/shared/schemas";
import { and, asc, eq, max } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { assessments } from "../../db/schema.ts";
import { localDate, type Units } from "../format.ts";
import type { Viewer } from "../viewer.ts";
import { loadPlan } from "./plan.ts";

/** How a group's values are entered and shown. */
export type AssessmentKind = "hold" | "reps" | "time" | "distance";

/** One test as the page shows it: a single test, or a left/right pair logged together. */
export type AssessmentGroup = {
  /** The test id, or for a pair the id without its `_left`/`_right`. */
  id: string;
  name: string;
  how: string;
  kind: AssessmentKind;
  better: "higher" | "lower";
  /** One test id, or [left, right]. */
  tests: AssessmentTestId[];
};

export type Result = { value: number; date: string; notes: string | null };

export type GroupView = AssessmentGroup & {
  /** The latest result per test id of the group. */
  latest: Partial<Record<AssessmentTestId, Result>>;
  /** Every date with a result, oldest first, one value (or left, right) per date. */
  history: { date: string; values: (number | null)[]; notes: string[] }[];
};

function kindOf(t: (typeof assessmentTests)[number]): AssessmentKind {
  if (t.unit === "m") return "distance";
  if (t.unit === "reps") return "reps";
  return t.better === "lower" ? "time" : "hold";
}

/** The tests in catalog order, each left/right pair folded into one group. */
export const ASSESSMENT_GROUPS: readonly AssessmentGroup[] = (() => {
  const out: AssessmentGroup[] = [];
  for (const t of assessmentTests) {
    if (t.id.endsWith("_right")) continue;
    const base = t.id.replace(/_left$/, "");
    const right = assessmentTests.find((r) => r.id === `${base}_right`);
    out.push({
      id: base,
      name: right ? t.name.replace(/ \(left\)$/, "") : t.name,
      // The left test's words describe both sides once "the left" reads "each".
      how: right ? t.how.replace("the left ", "each ") : t.how,
      kind: kindOf(t),
      better: t.better,
      tests: right ? [t.id, right.id] : [t.id],
    });
  }
  return out;
})();

type Row = { date: string; test: string; value: number; notes: string | null };

async function assessmentRows(db: Database, userId: string): Promise<Row[]> {
  return db
    .select({
      date: assessments.date,
      test: assessments.test,
      value: assessments.value,
      notes: assessments.notes,
    })
    .from(assessments)
    .where(and(eq(assessments.userId, userId), eq(assessments.deleted, false)))
    .orderBy(asc(assessments.date), asc(assessments.version));
}

/** Each group with its latest results and history; of two on one date the later write counts. */
export function groupResults(rows: Row[]): GroupView[] {
  return ASSESSMENT_GROUPS.map((g) => {
    const latest: GroupView["latest"] = {};
    const byDate = new Map<string, { values: (number | null)[]; notes: string[] }>();
    for (const r of rows) {
      const side = g.tests.indexOf(r.test as AssessmentTestId);
      if (side < 0) continue;
      latest[r.test as AssessmentTestId] = { value: r.value, date: r.date, notes: r.notes };
      const day = byDate.get(r.date) ?? { values: g.tests.map(() => null), notes: [] };
      day.values[side] = r.value;
      // One form logs both sides with the same notes: show them once.
      if (r.notes && !day.notes.includes(r.notes)) day.notes.push(r.notes);
      byDate.set(r.date, day);
    }
    const history = [...byDate].map(([date, day]) => ({ date, ...day }));
    return { ...g, latest, history };
  });
}

/** Noon UTC of a date in unix seconds, so chart time axes never slip a day. */
const unix = (date: string) => Date.parse(`${date}T12:00:00Z`) / 1000;

/** A distance in the runner's units, to 2 decimals (a Cooper test is a few km). */
export function cooperDistance(meters: number, units: Units): number {
  const d = units === "imperial" ? meters / 1609.344 : meters / 1000;
  return Math.round(d * 100) / 100;
}

export type ChartSeries = {
  id: string;
  name: string;
  kind: AssessmentKind;
  /** The axis unit: seconds, reps, or the runner's distance unit. */
  unit: "s" | "reps" | "km" | "mi";
  better: "higher" | "lower";
  /** Series labels: one, or "Left" and "Right". */
  labels: string[];
  /** x: one point per date with a result, unix seconds. */
  t: number[];
  /** One array per label, aligned with t; null where that side was not logged that day. */
  values: (number | null)[][];
};

export type AssessmentChartData = { units: Units; charts: ChartSeries[] };

export function chartSeries(groups: GroupView[], units: Units): AssessmentChartData {
  const distanceUnit = units === "imperial" ? "mi" : "km";
  return {
    units,
    charts: groups.map((g) => ({
      id: g.id,
      name: g.name,
      kind: g.kind,
      unit: g.kind === "distance" ? distanceUnit : g.kind === "reps" ? "reps" : "s",
      better: g.better,
      labels: g.tests.length === 2 ? ["Left", "Right"] : [g.name],
      t: g.history.map((h) => unix(h.date)),
      values: g.tests.map((_, side) =>
        g.history.map((h) => {
          const v = h.values[side] ?? null;
          return v !== null && g.kind === "distance" ? cooperDistance(v, units) : v;
        }),
      ),
    })),
  };
}

export async function loadAssessmentCharts(db: Database, v: Viewer): Promise<AssessmentChartData> {
  return chartSeries(groupResults(await assessmentRows(db, v.userId)), v.units);
}

export type DueCardData = {
  due: AssessmentDue;
  today: string;
  lastDate: string | null;
  /** The active plan's start, when it has one: the schedule counts 4-week blocks from it. */
  planStart: string | null;
};

function dueFor(today: string, lastDate: string | null, planStart: string | null): DueCardData {
  return { due: assessmentDue(planStart, lastDate, today), today, lastDate, planStart };
}

/** What the dashboard's assessment card needs: one small query and the active plan. */
export async function loadAssessmentDue(db: Database, v: Viewer): Promise<DueCardData> {
  const [[last], plan] = await Promise.all([
    db
      .select({ date: max(assessments.date) })
      .from(assessments)
      .where(and(eq(assessments.userId, v.userId), eq(assessments.deleted, false))),
    loadPlan(db, v.userId, v.activePlanId),
  ]);
  return dueFor(localDate(v.now, v.tz), last?.date ?? null, plan?.body.start_date ?? null);
}

export type AssessmentsPage = DueCardData & {
  groups: GroupView[];
  plan: { name: string; level: PlanLevel | null } | null;
  suggestion: LevelSuggestion;
};

export async function loadAssessmentsPage(db: Database, v: Viewer): Promise<AssessmentsPage> {
  const [rows, plan] = await Promise.all([
    assessmentRows(db, v.userId),
    loadPlan(db, v.userId, v.activePlanId),
  ]);
  const groups = groupResults(rows);
  const results: AssessmentResults = {};
  for (const g of groups) {
    for (const [test, r] of Object.entries(g.latest)) results[test as AssessmentTestId] = r.value;
  }
  const lastDate = rows.reduce<string | null>(
    (m, r) => (m === null || r.date > m ? r.date : m),
    null,
  );
  return {
    ...dueFor(localDate(v.now, v.tz), lastDate, plan?.body.start_date ?? null),
    groups,
    plan: plan ? { name: plan.body.name, level: plan.body.inputs?.level ?? null } : null,
    suggestion: suggestLevel(results),
  };
}

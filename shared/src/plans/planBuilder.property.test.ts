// Properties of the plan builder over random running weeks and inputs: every rule either holds
// or is reported (checked by an oracle written here, independently of planRules.ts), the plan
// is as close as any placement allows, and realistic weeks come out clean.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { exerciseById } from "../catalog/catalogLookup.ts";
import { Equipment } from "../catalog/exerciseSchema.ts";
import { PlanBody, type PlanDay, type RunningDayKind } from "../schemas/plan.ts";
import type { GeneratePlanRequest, RuleId } from "../schemas/planning.ts";
import { generatePlan } from "./planBuilder.ts";
import { estimateDayMinutes } from "./sessionDuration.ts";

const KINDS: RunningDayKind[] = ["rest", "easy", "tempo", "intervals", "long", "race", "cross"];
const KEY = new Set<RunningDayKind>(["tempo", "intervals", "long", "race"]);
const KIT = Equipment.options.filter((e) => e !== "none");
const next = (d: number) => (d % 7) + 1;

const requestArb: fc.Arbitrary<GeneratePlanRequest> = fc.record({
  running_week: fc
    .array(fc.constantFrom(...KINDS), { minLength: 7, maxLength: 7 })
    .map((kinds) => kinds.map((run, i) => ({ weekday: i + 1, run }))),
  sessions_per_week: fc.integer({ min: 1, max: 4 }),
  minutes: fc.integer({ min: 10, max: 60 }),
  equipment: fc.subarray(KIT),
  level: fc.constantFrom("new" as const, "some" as const, "experienced" as const),
  start_date: fc.constant("2026-12-07"),
  weeks: fc.integer({ min: 4, max: 24 }),
});

/** The oracle: which rules a plan breaks, written from the API's rule table alone. */
function brokenRules(req: GeneratePlanRequest, days: PlanDay[]): Set<RuleId> {
  const kind = (d: number) => req.running_week.find((r) => r.weekday === d)?.run ?? "rest";
  const strength = new Set(days.filter((d) => d.items.length > 0).map((d) => d.weekday));
  const broken = new Set<RuleId>();
  if (strength.size !== req.sessions_per_week) broken.add("session_count");
  for (const d of strength) {
    if (KEY.has(kind(next(d)))) broken.add("no_strength_before_key_run");
    if (strength.has(next(d))) broken.add("no_back_to_back_strength");
  }
  if (![1, 2, 3, 4, 5, 6, 7].some((d) => kind(d) === "rest" && !strength.has(d)))
    broken.add("rest_day");
  const have = new Set(["none", ...req.equipment]);
  const all = days.flatMap((d) => d.items);
  for (const d of days) {
    if (d.items.length > 0 && estimateDayMinutes(d.items) > req.minutes) broken.add("fits_minutes");
  }
  for (const it of all) {
    const e = exerciseById(it.exercise_id);
    const v = e?.variations.find((x) => x.name === it.variation);
    const kitOk = e?.equipment.some((k) => have.has(k)) === true;
    const variationOk =
      it.variation === undefined ||
      (v !== undefined && (v.equipment ?? ["none"]).some((k) => have.has(k)));
    if (!kitOk || !variationOk) broken.add("equipment");
  }
  if (req.sessions_per_week >= 2) {
    const ex = all.map((i) => exerciseById(i.exercise_id)).filter((e) => e !== undefined);
    const ok =
      ex.some((e) => e.focus === "lower_body") &&
      ex.some((e) => e.focus === "core") &&
      ex.some((e) => e.focus === "upper_body") &&
      ex.some((e) => e.focus === "feet" || e.id.includes("calf")) &&
      ex.some((e) => e.focus === "lower_body" && e.per_side && !e.id.includes("calf"));
    if (!ok) broken.add("coverage");
  }
  return broken;
}

const PLACEMENT_RULES: RuleId[] = [
  "no_strength_before_key_run",
  "no_back_to_back_strength",
  "rest_day",
];

/** Placement problems of a choice of strength days, one per day and rule, as the oracle sees them. */
function placementBreaks(req: GeneratePlanRequest, chosen: number[]): number {
  const kind = (d: number) => req.running_week.find((r) => r.weekday === d)?.run ?? "rest";
  const set = new Set(chosen);
  let n = 0;
  for (const d of chosen) {
    if (KEY.has(kind(next(d)))) n++;
    if (set.has(next(d))) n++;
  }
  if (![1, 2, 3, 4, 5, 6, 7].some((d) => kind(d) === "rest" && !set.has(d))) n++;
  return n;
}

/** The fewest placement problems any choice of strength days could have. */
function fewestPlacementBreaks(req: GeneratePlanRequest): number {
  let best = Number.POSITIVE_INFINITY;
  for (let mask = 0; mask < 128; mask++) {
    const chosen = [1, 2, 3, 4, 5, 6, 7].filter((d) => mask & (1 << (d - 1)));
    if (chosen.length === req.sessions_per_week)
      best = Math.min(best, placementBreaks(req, chosen));
  }
  return best;
}

describe("generatePlan properties", () => {
  it("reports every broken rule and nothing else, for any week and inputs", () => {
    fc.assert(
      fc.property(requestArb, (req) => {
        const { plan, violations } = generatePlan(req);
        expect(PlanBody.safeParse(plan).success).toBe(true);
        expect(plan.days.map((d) => d.weekday)).toEqual([1, 2, 3, 4, 5, 6, 7]);
        const reported = new Set(violations.map((v) => v.rule));
        expect(reported).toEqual(brokenRules(req, plan.days));
        for (const v of violations) expect(v.message).toMatch(/^[A-Z].*[.]$/);
      }),
      { numRuns: 400 },
    );
  });

  it("never breaks more placement rules than the best placement must", () => {
    fc.assert(
      fc.property(requestArb, (req) => {
        const { plan, violations } = generatePlan(req);
        const chosen = plan.days.filter((d) => d.items.length > 0).map((d) => d.weekday);
        const reported = violations.filter((v) => PLACEMENT_RULES.includes(v.rule)).length;
        expect(reported).toBe(placementBreaks(req, chosen));
        expect(reported).toBe(fewestPlacementBreaks(req));
      }),
      { numRuns: 300 },
    );
  });

  it("uses only catalog exercises with catalog prescriptions, and the runner's kit", () => {
    fc.assert(
      fc.property(requestArb, (req) => {
        const { plan } = generatePlan(req);
        for (const item of plan.days.flatMap((d) => d.items)) {
          const e = exerciseById(item.exercise_id);
          expect(e).toBeDefined();
          if (e === undefined) return;
          const p = e.prescriptions.find((x) => x.sets >= item.sets && x.rest_s === item.rest_s);
          expect(p, `${e.id} ${item.sets} sets, rest ${item.rest_s}`).toBeDefined();
          const t = item.target_reps ?? item.target_hold_s;
          if (t !== undefined) {
            const within = e.prescriptions.some((x) => {
              const lo = x.reps_min ?? x.hold_s_min ?? 0;
              const hi = x.reps_max ?? x.hold_s_max ?? lo;
              return t >= lo && t <= hi;
            });
            expect(within, `${e.id} target ${t}`).toBe(true);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it("gives a realistic week (2 quality runs, a long run, 1–2 rest days; 2–3 × 20–45 min; no kit) no violation", () => {
    const realistic = fc
      .record({
        // Hard days are spread out as any sensible week has them: no two key runs back to back.
        keys: fc.constantFrom(...keyDayTriples()),
        order: fc.constantFrom(
          ["intervals", "tempo", "long"],
          ["tempo", "intervals", "long"],
          ["intervals", "long", "tempo"],
        ),
        restCount: fc.integer({ min: 1, max: 2 }),
        restPick: fc.nat(),
        crossPick: fc.option(fc.nat(), { nil: undefined }),
        sessions: fc.integer({ min: 2, max: 3 }),
        minutes: fc.integer({ min: 20, max: 45 }),
        level: fc.constantFrom("new" as const, "some" as const, "experienced" as const),
      })
      .map(({ keys, order, restCount, restPick, crossPick, sessions, minutes, level }) => {
        const others = [1, 2, 3, 4, 5, 6, 7].filter((d) => !keys.includes(d));
        const rest = new Set(
          [others[restPick % others.length], others[(restPick + 1) % others.length]].slice(
            0,
            restCount,
          ),
        );
        const week = [1, 2, 3, 4, 5, 6, 7].map((weekday) => {
          const k = keys.indexOf(weekday);
          const run: RunningDayKind =
            k >= 0
              ? (order[k] as RunningDayKind)
              : rest.has(weekday)
                ? "rest"
                : crossPick !== undefined && others[crossPick % others.length] === weekday
                  ? "cross"
                  : "easy";
          return { weekday, run };
        });
        return {
          running_week: week,
          sessions_per_week: sessions,
          minutes,
          equipment: [],
          level,
          start_date: "2026-12-07",
          weeks: 8,
        } satisfies GeneratePlanRequest;
      });
    fc.assert(
      fc.property(realistic, (req) => {
        expect(generatePlan(req).violations).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });
});

/** Every set of three weekdays with no two adjacent (Sunday → Monday counts). */
function keyDayTriples(): number[][] {
  const out: number[][] = [];
  for (let a = 1; a <= 7; a++)
    for (let b = a + 2; b <= 7; b++)
      for (let c = b + 2; c <= 7; c++) if (!(a === 1 && c === 7)) out.push([a, b, c]);
  return out;
}

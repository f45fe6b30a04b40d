// The heart-rate-aware rest setting (settings.put rest_hr_ready) from schema to push rules and
// import: whole bpm in its range are taken, anything else is a sentence; null turns it off.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { REST_HR_READY_MAX, REST_HR_READY_MIN } from "../heartRate/index.ts";
import { SettingsRecord } from "../schemas/entities.ts";
import { ExportDocument } from "../schemas/exportDocument.ts";
import { type MutationEnvelope, parseMutationArgs } from "../schemas/mutations.ts";
import { planImport } from "./importPlan.ts";
import { applyPush, type Snapshot } from "./pushRules.ts";

const SENTENCE =
  "rest_hr_ready: The heart rate that ends a rest is a whole number of beats per minute from 60 to 180.";

const empty = (): Snapshot => ({
  sessions: new Map(),
  sets: new Map(),
  plans: new Map(),
  runs: new Map(),
  assessments: new Map(),
  settings: null,
  tombstones: new Set(),
});
const defaults = { units: "metric" as const, rest_s_default: 60 };

const put = (seq: number, args: Record<string, unknown>): MutationEnvelope => ({
  seq,
  op: "settings.put",
  args,
});

/** Pushes settings.put mutations one by one, as separate pushes, and returns the settings. */
function pushAll(snap: Snapshot, argsList: Record<string, unknown>[]) {
  const acks = argsList.map((args, i) => applyPush(snap, i, [put(i + 1, args)], i + 1, defaults));
  return { settings: snap.settings, acks: acks.map((o) => o.acks[0]) };
}

describe("rest_hr_ready in the wire schemas", () => {
  it("exports its range for the watch: 60 to 180 bpm", () => {
    expect([REST_HR_READY_MIN, REST_HR_READY_MAX]).toEqual([60, 180]);
  });

  it("settings.put takes every whole bpm in the range, and null", () => {
    fc.assert(
      fc.property(fc.integer({ min: REST_HR_READY_MIN, max: REST_HR_READY_MAX }), (bpm) => {
        const check = parseMutationArgs(put(1, { rest_hr_ready: bpm }));
        expect(check.ok && check.mutation.args).toEqual({ rest_hr_ready: bpm });
      }),
    );
    const cleared = parseMutationArgs(put(1, { rest_hr_ready: null }));
    expect(cleared.ok && cleared.mutation.args).toEqual({ rest_hr_ready: null });
  });

  it("settings.put refuses anything else with one sentence", () => {
    const bad = fc.oneof(
      fc.integer({ max: REST_HR_READY_MIN - 1 }),
      fc.integer({ min: REST_HR_READY_MAX + 1 }),
      fc
        .double({ min: REST_HR_READY_MIN, max: REST_HR_READY_MAX, noNaN: true })
        .filter((n) => !Number.isInteger(n)),
      fc.constantFrom("120", true, [], {}),
    );
    fc.assert(
      fc.property(bad, (value) => {
        const check = parseMutationArgs(put(1, { rest_hr_ready: value }));
        expect(check.ok).toBe(false);
        if (!check.ok) expect(check.error).toBe(SENTENCE);
      }),
    );
    for (const value of [59, 181, 1.5]) {
      const check = parseMutationArgs(put(1, { rest_hr_ready: value }));
      expect(check.ok ? "accepted" : check.error).toBe(SENTENCE);
    }
  });

  it("the settings record and the export document carry it, and go without it", () => {
    const record = {
      active_plan_id: null,
      units: "metric",
      rest_s_default: 60,
      time_zone: null,
      version: 3,
    };
    expect(SettingsRecord.parse({ ...record, rest_hr_ready: 120 }).rest_hr_ready).toBe(120);
    expect(SettingsRecord.parse(record)).not.toHaveProperty("rest_hr_ready");
    const { version: _v, ...settings } = record;
    const doc = ExportDocument.parse({
      format: "runstrong-export",
      version: 1,
      exported_at: "2026-01-06T00:00:00Z",
      plans: [],
      sessions: [],
      sets: [],
      runs: [],
      assessments: [],
      settings: { ...settings, rest_hr_ready: 118 },
    });
    expect(doc.settings?.rest_hr_ready).toBe(118);
  });
});

describe("rest_hr_ready in the push rules", () => {
  it("settings.put stores it and null clears it, keeping every other setting", () => {
    const snap = empty();
    const { settings, acks } = pushAll(snap, [
      { units: "imperial", max_hr: 188 },
      { rest_hr_ready: 112 },
    ]);
    expect(acks.map((a) => a?.status)).toEqual(["applied", "applied"]);
    expect(settings).toMatchObject({ units: "imperial", max_hr: 188, rest_hr_ready: 112 });

    applyPush(snap, 2, [put(3, { rest_hr_ready: null })], 3, defaults);
    expect(snap.settings).toMatchObject({ units: "imperial", max_hr: 188, version: 3 });
    expect(snap.settings).not.toHaveProperty("rest_hr_ready");
  });

  it("a refused value changes nothing", () => {
    const snap = empty();
    applyPush(snap, 0, [put(1, { rest_hr_ready: 120 })], 1, defaults);
    const before = structuredClone(snap.settings);
    const out = applyPush(
      snap,
      1,
      [
        put(2, { rest_hr_ready: 59 }),
        put(3, { rest_hr_ready: 181 }),
        put(4, { rest_hr_ready: 1.5 }),
      ],
      2,
      defaults,
    );
    expect(out.acks.map((a) => [a.status, a.error])).toEqual([
      ["rejected", SENTENCE],
      ["rejected", SENTENCE],
      ["rejected", SENTENCE],
    ]);
    expect(out.changed).toBe(false);
    expect(out.settingsDirty).toBe(false);
    expect(snap.settings).toEqual(before);
  });

  it("after any run of puts the setting is the last one given, absent when that was null", () => {
    const value = fc.oneof(
      fc.integer({ min: REST_HR_READY_MIN, max: REST_HR_READY_MAX }),
      fc.constant(null),
      fc.constant(undefined),
    );
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 8 }), (values) => {
        const snap = empty();
        // Each put also sets units, so one with rest_hr_ready left out is still a valid put.
        pushAll(
          snap,
          values.map((v) => (v === undefined ? { units: "metric" } : { rest_hr_ready: v })),
        );
        const given = values.filter((v) => v !== undefined);
        const last = given[given.length - 1];
        if (last === undefined || last === null) {
          expect(snap.settings).not.toHaveProperty("rest_hr_ready");
        } else expect(snap.settings?.rest_hr_ready).toBe(last);
      }),
    );
  });
});

describe("rest_hr_ready in an import", () => {
  const doc = (restHrReady?: number): ExportDocument => ({
    format: "runstrong-export",
    version: 1,
    exported_at: "2026-01-06T00:00:00Z",
    plans: [],
    sessions: [],
    sets: [],
    runs: [],
    assessments: [],
    settings: {
      active_plan_id: null,
      units: "metric",
      rest_s_default: 60,
      time_zone: null,
      ...(restHrReady === undefined ? {} : { rest_hr_ready: restHrReady }),
    },
  });

  it("sends it with settings.put, and skips it when the account has the same", () => {
    const plan = planImport(doc(115), empty());
    if (!plan.ok) throw new Error(JSON.stringify(plan.problems));
    expect(plan.bodies).toEqual([
      {
        op: "settings.put",
        args: {
          active_plan_id: null,
          units: "metric",
          rest_s_default: 60,
          rest_hr_ready: 115,
        },
      },
    ]);

    const account = empty();
    account.settings = {
      active_plan_id: null,
      units: "metric",
      rest_s_default: 60,
      time_zone: null,
      rest_hr_ready: 115,
      version: 2,
    };
    const again = planImport(doc(115), account);
    if (!again.ok) throw new Error(JSON.stringify(again.problems));
    expect(again.bodies).toEqual([]);
    expect(again.skipped.settings).toBe(1);
  });
});

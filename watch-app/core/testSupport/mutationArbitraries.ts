// fast-check generators of protocol-valid mutations (the shapes the server accepts), shared by
// the round-trip tests of the outbox batch encoding and of the watch link messages.
import type { MutationBody, SetLogArgs } from "@runstrong/shared/schemas";
import fc from "fast-check";

export const entityIdArb = fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/);
const sessionIdArb = fc.stringMatching(/^[A-Za-z0-9_-]{1,35}$/);

/** Year 1 to 9999, as the server's ISO-8601 check allows. */
const secondsArb = fc.integer({ min: -62_135_596_800, max: 253_402_300_799 });

/** Mostly what the watch writes (whole seconds), plus milliseconds and explicit offsets. */
export const isoArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: secondsArb.map((s) => new Date(s * 1000).toISOString()) },
  {
    weight: 2,
    arbitrary: fc
      .integer({ min: 0, max: 4_102_444_800_000 })
      .map((ms) => new Date(ms).toISOString()),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 0, max: 4_102_444_800 }), fc.integer({ min: -12, max: 14 }))
      .map(([s, h]) => {
        const local = new Date((s + h * 3600) * 1000).toISOString().slice(0, 19);
        const sign = h < 0 ? "-" : "+";
        return `${local}${sign}${String(Math.abs(h)).padStart(2, "0")}:00`;
      }),
  },
);

const textArb = fc.string({ minLength: 1, maxLength: 60, unit: "grapheme" });
const weightArb = fc.integer({ min: 0, max: 100_000 }).map((n) => n / 100);

export const setLogArgsArb: fc.Arbitrary<SetLogArgs> = fc
  .record(
    {
      session_id: sessionIdArb,
      ordinal: fc.integer({ min: 1, max: 9999 }),
      own_id: fc.option(entityIdArb, { nil: undefined }),
      exercise_id: entityIdArb,
      set_index: fc.integer({ min: 0, max: 1000 }),
      started_at: isoArb,
      ended_at: isoArb,
      hold: fc.boolean(),
      value: fc.integer({ min: 0, max: 10_000 }),
      side: fc.option(fc.constantFrom("left" as const, "right" as const), { nil: undefined }),
      weight_kg: fc.option(weightArb, { nil: undefined }),
      rpe: fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }),
      target: fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: undefined }),
      crossTarget: fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: undefined }),
      hr: fc.option(fc.tuple(fc.integer({ min: 25, max: 250 }), fc.integer({ min: 0, max: 60 })), {
        nil: undefined,
      }),
      hrMaxOnly: fc.boolean(),
    },
    { noNullPrototype: true },
  )
  .map((r) => {
    const args: SetLogArgs = {
      id: r.own_id ?? `${r.session_id}-${r.ordinal}`,
      session_id: r.session_id,
      exercise_id: r.exercise_id,
      set_index: r.set_index,
      started_at: r.started_at,
      ended_at: r.ended_at,
    };
    if (r.hold) args.hold_s = r.value;
    else args.reps = r.value;
    if (r.side !== undefined) args.side = r.side;
    if (r.weight_kg !== undefined) args.weight_kg = r.weight_kg;
    if (r.rpe !== undefined) args.rpe = r.rpe;
    if (r.target !== undefined) {
      if (r.hold) args.target_hold_s = r.target;
      else args.target_reps = r.target;
    }
    // The protocol allows the other kind's target too; the encoding must carry it exactly.
    if (r.crossTarget !== undefined) {
      if (r.hold) args.target_reps = r.crossTarget;
      else args.target_hold_s = r.crossTarget;
    }
    // Heart rate from the watch's sensor: average and peak (the protocol allows either alone).
    if (r.hr !== undefined) {
      if (!r.hrMaxOnly) args.hr_avg = r.hr[0];
      args.hr_max = Math.min(250, r.hr[0] + r.hr[1]);
    }
    return args;
  });

const optionalKeys = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

function withoutUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export const mutationArb: fc.Arbitrary<MutationBody> = fc.oneof(
  { weight: 5, arbitrary: setLogArgsArb.map((args): MutationBody => ({ op: "set.log", args })) },
  {
    weight: 2,
    arbitrary: fc
      .record({
        id: sessionIdArb,
        started_at: isoArb,
        plan_id: optionalKeys(entityIdArb),
        plan_day: optionalKeys(fc.integer({ min: 0, max: 1000 })),
        source: optionalKeys(fc.string({ maxLength: 40 })),
        name: optionalKeys(textArb),
      })
      .map((a): MutationBody => ({ op: "session.start", args: withoutUndefined(a) })),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({
        id: sessionIdArb,
        ended_at: isoArb,
        rpe: optionalKeys(fc.integer({ min: 1, max: 10 })),
        notes: optionalKeys(fc.string({ maxLength: 200, unit: "grapheme" })),
        hr_avg: optionalKeys(fc.integer({ min: 25, max: 250 })),
      })
      .map((a): MutationBody => ({ op: "session.finish", args: withoutUndefined(a) })),
  },
  {
    weight: 1,
    arbitrary: fc.oneof(
      entityIdArb.map((id): MutationBody => ({ op: "set.delete", args: { id } })),
      entityIdArb.map((id): MutationBody => ({ op: "session.delete", args: { id } })),
      fc
        .option(entityIdArb, { nil: null })
        .map((active_plan_id): MutationBody => ({ op: "settings.put", args: { active_plan_id } })),
    ),
  },
);

/** Mutations with contiguous seqs from `first`, as an outbox holds them. */
export const sequencedArb = (maxLength: number) =>
  fc
    .tuple(fc.integer({ min: 1, max: 1_000_000 }), fc.array(mutationArb, { maxLength }))
    .map(([first, ms]) => ms.map((mutation, i) => ({ seq: first + i, mutation })));

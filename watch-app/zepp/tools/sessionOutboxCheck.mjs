// The check both device smoke runs (Zepp and Fitbit, in QuickJS) make of the outbox a scripted
// phone-away session left on the watch: session.start, one set.log per set the script did (its
// reps or hold seconds, heart rate from the stand-in sensor, both sides of one-sided exercises),
// then session.finish with the session's heart rate.
import { SmokeError } from "./quickjsVm.mjs";

function check(condition, message) {
  if (!condition) throw new SmokeError(message);
}

/**
 * `text`: the stored outbox (undefined when absent), `where` names where it was looked for,
 * `readQueue` is the core's reader of it, `expected.sets` what the script did, in order
 * (`{reps}` or `{hold_s}`), `maxBpm` the stand-in sensor's highest reading.
 * @param {{ text: string | undefined, where: string,
 *   readQueue: (text: string) => { op: string, args: Record<string, any> }[] | null,
 *   expected: { sets: { reps?: number, hold_s?: number }[] }, maxBpm: number }} input
 */
export function checkSessionOutbox({ text, where, readQueue, expected, maxBpm }) {
  check(typeof text === "string", `no outbox in ${where}`);
  const items = readQueue(text);
  check(items !== null, "the stored outbox does not read with the core's reader");
  const ops = items.map((i) => i.op);
  check(ops[0] === "session.start", `the outbox starts with ${ops[0]}, not session.start`);
  check(ops.at(-1) === "session.finish", `the outbox ends with ${ops.at(-1)}`);
  const finishHr = items.at(-1).args.hr_avg;
  check(Number.isInteger(finishHr), `session.finish has no heart rate (${finishHr})`);
  const logs = items.filter((i) => i.op === "set.log").map((i) => i.args);
  check(
    logs.length === expected.sets.length && ops.length === logs.length + 2,
    `the outbox holds ${ops.join(", ")}; expected ${expected.sets.length} set.log between start and finish`,
  );
  const sessionId = items[0].args.id;
  logs.forEach((args, k) => {
    const want = expected.sets[k];
    const field = want.reps !== undefined ? "reps" : "hold_s";
    check(args.session_id === sessionId, `set ${k + 1} belongs to another session`);
    check(
      Number.isInteger(args.hr_avg) && args.hr_max >= args.hr_avg && args.hr_max <= maxBpm,
      `set ${k + 1}: heart rate ${args.hr_avg}/${args.hr_max}, not an average and peak from the sensor`,
    );
    check(args[field] === want[field], `set ${k + 1}: ${field} ${args[field]}, not ${want[field]}`);
  });
  // Every one-sided exercise logs each set for both sides.
  const sides = new Map();
  for (const args of logs) {
    if (args.side === undefined) continue;
    const key = `${args.exercise_id}#${args.set_index}`;
    sides.set(key, [...(sides.get(key) ?? []), args.side]);
  }
  check(sides.size > 0, "no set.log carries a side");
  for (const [set, both] of sides) {
    check(both.sort().join() === "left,right", `${set} logged sides ${both.join(", ")}`);
  }
  return { items, logs };
}

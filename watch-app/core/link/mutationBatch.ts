// Compact, exact encoding of a run of sequenced mutations: positional arrays, a per-batch table
// of sessions (id + base time) and of exercise ids, times as second offsets from the session's
// base. Used for watch → phone pushes and for the outbox on watch storage.
import type {
  MutationBody,
  SessionFinishArgs,
  SessionStartArgs,
  SetLogArgs,
} from "@runstrong/shared/schemas";

/** A mutation with the seq it carries on the wire. */
export interface SequencedMutation {
  seq: number;
  mutation: MutationBody;
}

/**
 * `[sessions, exercises, items]`:
 * - sessions: `[sessionId, baseSeconds]` — base is Unix seconds; item times are offsets from it;
 * - exercises: exercise ids, referenced by index;
 * - items, by op (optional fields trailing, `null` where skipped, trailing nulls dropped):
 *   - session.start  `[seq, 0, s, start, name?, plan_id?, plan_day?, source?]`
 *   - set.log        `[seq, 1, s, id, ex, set_index, start, end, flags, value, target?, weight_kg?, rpe?,
 *                     hr_avg?, hr_max?]`
 *     id: the ordinal n when the set id is `${session_id}-${n}`, else the id itself;
 *     flags: bit 0 = hold (value is hold_s, else reps), bits 1–2 = side (1 left, 2 right);
 *     target: target_hold_s for a hold, target_reps otherwise;
 *   - session.finish `[seq, 2, s, end, rpe?, notes?, hr_avg?]`
 *   - anything else, or a shape the compact forms cannot carry exactly: `[seq, 9, op, args]`.
 * A time is a number (offset in whole seconds) when it is a `toISOString()` instant on a whole
 * second, else the original string, so every input decodes to exactly itself.
 */
export type CompactBatch = [sessions: [string, number][], exercises: string[], items: unknown[][]];

const OP_SESSION_START = 0;
const OP_SET_LOG = 1;
const OP_SESSION_FINISH = 2;
const OP_OTHER = 9;

const FLAG_HOLD = 1;
const SIDE_SHIFT = 1;
const SIDES = [undefined, "left", "right"] as const;

const SESSION_START_KEYS = new Set(["id", "started_at", "plan_id", "plan_day", "source", "name"]);
const SESSION_FINISH_KEYS = new Set(["id", "ended_at", "rpe", "notes", "hr_avg"]);
const SET_LOG_KEYS = new Set([
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
  "hr_avg",
  "hr_max",
]);

export class BatchFormatError extends Error {
  constructor(problem: string) {
    super(`mutation batch: ${problem}`);
    this.name = "BatchFormatError";
  }
}

/** Unix seconds of an instant written by `toISOString()` on a whole second, else null. */
export function wholeSecondsOf(iso: string): number | null {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms) || ms % 1000 !== 0) return null;
  return new Date(ms).toISOString() === iso ? ms / 1000 : null;
}

function isoOfSeconds(seconds: number): string {
  const date = new Date(seconds * 1000);
  if (Number.isNaN(date.getTime())) throw new BatchFormatError(`time ${seconds} is out of range`);
  return date.toISOString();
}

function onlyKeys(args: object, allowed: Set<string>): boolean {
  return Object.keys(args).every((k) => allowed.has(k));
}

const isString = (v: unknown): v is string => typeof v === "string";
const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const optional = <T>(v: unknown, guard: (x: unknown) => x is T): boolean =>
  v === undefined || guard(v);

/** Drops trailing nulls so absent optional fields cost nothing. */
function trimmed(row: unknown[]): unknown[] {
  let end = row.length;
  while (end > 0 && row[end - 1] === null) end--;
  return row.slice(0, end);
}

const orNull = <T>(v: T | undefined): T | null => (v === undefined ? null : v);

/** The session a mutation belongs to and its first time, when the compact forms can carry it. */
function sessionOf(m: MutationBody): { id: string; time: string } | null {
  const a = m.args as Record<string, unknown>;
  if (m.op === "session.start" && isString(a.id) && isString(a.started_at)) {
    return { id: a.id, time: a.started_at };
  }
  if (m.op === "set.log" && isString(a.session_id) && isString(a.started_at)) {
    return { id: a.session_id, time: a.started_at };
  }
  if (m.op === "session.finish" && isString(a.id) && isString(a.ended_at)) {
    return { id: a.id, time: a.ended_at };
  }
  return null;
}

class BatchWriter {
  private readonly sessionIndex = new Map<string, number>();
  private readonly exerciseIndex = new Map<string, number>();

  /** Starts from the tables of a batch already written, so new rows can join its rows. */
  constructor(
    readonly sessions: [string, number][] = [],
    readonly exercises: string[] = [],
  ) {
    for (let i = 0; i < sessions.length; i++)
      this.sessionIndex.set((sessions[i] as [string, number])[0], i);
    for (let i = 0; i < exercises.length; i++) this.exerciseIndex.set(exercises[i] as string, i);
  }

  session(id: string, time: string): number {
    return this.sessionAt(id, wholeSecondsOf(time) ?? 0);
  }

  /** The index of session `id`, added with `base` when new. */
  sessionAt(id: string, base: number): number {
    const known = this.sessionIndex.get(id);
    if (known !== undefined) return known;
    this.sessions.push([id, base]);
    this.sessionIndex.set(id, this.sessions.length - 1);
    return this.sessions.length - 1;
  }

  exercise(id: string): number {
    const known = this.exerciseIndex.get(id);
    if (known !== undefined) return known;
    this.exercises.push(id);
    this.exerciseIndex.set(id, this.exercises.length - 1);
    return this.exercises.length - 1;
  }

  time(iso: string, s: number): number | string {
    const seconds = wholeSecondsOf(iso);
    const base = (this.sessions[s] as [string, number])[1];
    return seconds === null ? iso : seconds - base;
  }
}

function encodeSessionStart(seq: number, a: SessionStartArgs, w: BatchWriter): unknown[] | null {
  if (!onlyKeys(a, SESSION_START_KEYS) || !isString(a.id) || !isString(a.started_at)) return null;
  if (
    !optional(a.name, isString) ||
    !optional(a.plan_id, isString) ||
    !optional(a.plan_day, isNumber) ||
    !optional(a.source, isString)
  ) {
    return null;
  }
  const s = w.session(a.id, a.started_at);
  return trimmed([
    seq,
    OP_SESSION_START,
    s,
    w.time(a.started_at, s),
    orNull(a.name),
    orNull(a.plan_id),
    orNull(a.plan_day),
    orNull(a.source),
  ]);
}

function encodeSetLog(seq: number, a: SetLogArgs, w: BatchWriter): unknown[] | null {
  if (!onlyKeys(a, SET_LOG_KEYS)) return null;
  const textOk = [a.id, a.session_id, a.exercise_id, a.started_at, a.ended_at].every(isString);
  if (!textOk || !isNumber(a.set_index)) return null;
  const hold = a.hold_s !== undefined;
  // Exactly one of reps / hold_s, and only the target that matches it.
  if (hold === (a.reps !== undefined)) return null;
  const value = hold ? a.hold_s : a.reps;
  const target = hold ? a.target_hold_s : a.target_reps;
  const otherTarget = hold ? a.target_reps : a.target_hold_s;
  if (!isNumber(value) || !optional(target, isNumber) || otherTarget !== undefined) return null;
  const sideCode = a.side === undefined ? 0 : SIDES.indexOf(a.side);
  if (sideCode < 0 || !optional(a.weight_kg, isNumber) || !optional(a.rpe, isNumber)) return null;
  if (!optional(a.hr_avg, isNumber) || !optional(a.hr_max, isNumber)) return null;
  const s = w.session(a.session_id, a.started_at);
  const prefix = `${a.session_id}-`;
  const ordinal = a.id.startsWith(prefix) ? a.id.slice(prefix.length) : "";
  // Only a canonical decimal ordinal decodes back to the same text.
  const id = /^[1-9][0-9]{0,14}$/.test(ordinal) ? Number(ordinal) : a.id;
  return trimmed([
    seq,
    OP_SET_LOG,
    s,
    id,
    w.exercise(a.exercise_id),
    a.set_index,
    w.time(a.started_at, s),
    w.time(a.ended_at, s),
    (hold ? FLAG_HOLD : 0) | (sideCode << SIDE_SHIFT),
    value,
    orNull(target),
    orNull(a.weight_kg),
    orNull(a.rpe),
    orNull(a.hr_avg),
    orNull(a.hr_max),
  ]);
}

function encodeSessionFinish(seq: number, a: SessionFinishArgs, w: BatchWriter): unknown[] | null {
  if (!onlyKeys(a, SESSION_FINISH_KEYS) || !isString(a.id) || !isString(a.ended_at)) return null;
  if (!optional(a.rpe, isNumber) || !optional(a.notes, isString)) return null;
  if (!optional(a.hr_avg, isNumber)) return null;
  const s = w.session(a.id, a.ended_at);
  return trimmed([
    seq,
    OP_SESSION_FINISH,
    s,
    w.time(a.ended_at, s),
    orNull(a.rpe),
    orNull(a.notes),
    orNull(a.hr_avg),
  ]);
}

function encodeItem(item: SequencedMutation, w: BatchWriter): unknown[] {
  const m = item.mutation;
  let row: unknown[] | null = null;
  if (m.op === "session.start") row = encodeSessionStart(item.seq, m.args, w);
  else if (m.op === "set.log") row = encodeSetLog(item.seq, m.args, w);
  else if (m.op === "session.finish") row = encodeSessionFinish(item.seq, m.args, w);
  return row ?? [item.seq, OP_OTHER, m.op, m.args];
}

/**
 * Encodes `items`; with `onto`, appends them to that batch (its tables extended, its rows kept
 * first), which is how the watch adds a step's mutations to its stored queue without decoding it.
 */
export function encodeBatch(
  items: readonly SequencedMutation[],
  onto?: CompactBatch,
): CompactBatch {
  const w = onto === undefined ? new BatchWriter() : new BatchWriter([...onto[0]], [...onto[1]]);
  // Register sessions first so each base is its earliest compact time in the batch order
  // (a session.start when present), keeping offsets small and non-negative in practice.
  for (const item of items) {
    const owner = sessionOf(item.mutation);
    if (owner !== null) w.session(owner.id, owner.time);
  }
  const rows = items.map((item) => encodeItem(item, w));
  return [w.sessions, w.exercises, onto === undefined ? rows : [...onto[2], ...rows]];
}

/** The seq of an encoded row (its first element, for every kind). */
export const rowSeq = (row: unknown[]): number => row[0] as number;

/** True for a `set.log` row, compact or in the fallback form. */
export const isSetRow = (row: unknown[]): boolean =>
  row[1] === OP_SET_LOG || (row[1] === OP_OTHER && row[2] === "set.log");

/**
 * The batch with only the rows `keep` accepts, its tables cut to what those rows refer to and
 * reindexed: a hand-off carries only the sessions and exercises of the sets it holds.
 */
export function selectRows(
  batch: CompactBatch,
  keep: (row: unknown[], index: number) => boolean,
): CompactBatch {
  const w = new BatchWriter();
  const rows = batch[2].filter(keep).map((row) => {
    if (row[1] === OP_OTHER) return row;
    const copy = row.slice();
    const [id, base] = batch[0][row[2] as number] as [string, number];
    copy[2] = w.sessionAt(id, base);
    if (row[1] === OP_SET_LOG) copy[4] = w.exercise(batch[1][row[4] as number] as string);
    return copy;
  });
  return [w.sessions, w.exercises, rows];
}

// ---- decoding: input comes from another device, so every field is checked ----

function field(row: unknown[], i: number): unknown {
  const v = row[i];
  return v === null ? undefined : v;
}

function needString(v: unknown, what: string): string {
  if (typeof v !== "string") throw new BatchFormatError(`${what} must be a string`);
  return v;
}

function needNumber(v: unknown, what: string): number {
  if (!isNumber(v)) throw new BatchFormatError(`${what} must be a number`);
  return v;
}

function needIndex(v: unknown, length: number, what: string): number {
  if (!Number.isInteger(v) || (v as number) < 0 || (v as number) >= length) {
    throw new BatchFormatError(`${what} must index a table of ${length}`);
  }
  return v as number;
}

function readTime(v: unknown, base: number, what: string): string {
  if (typeof v === "string") return v;
  if (!Number.isInteger(v)) throw new BatchFormatError(`${what} must be an offset or a string`);
  return isoOfSeconds(base + (v as number));
}

function optionalField<T>(
  row: unknown[],
  i: number,
  read: (v: unknown, w: string) => T,
  what: string,
) {
  const v = field(row, i);
  return v === undefined ? undefined : read(v, what);
}

class BatchReader {
  constructor(
    private readonly sessions: [string, number][],
    private readonly exercises: string[],
  ) {}

  session(v: unknown): [string, number] {
    return this.sessions[needIndex(v, this.sessions.length, "session index")] as [string, number];
  }

  exercise(v: unknown): string {
    return this.exercises[needIndex(v, this.exercises.length, "exercise index")] as string;
  }
}

function decodeSessionStart(row: unknown[], r: BatchReader): MutationBody {
  const [id, base] = r.session(row[2]);
  const args: SessionStartArgs = { id, started_at: readTime(row[3], base, "started_at") };
  const name = optionalField(row, 4, needString, "name");
  const planId = optionalField(row, 5, needString, "plan_id");
  const planDay = optionalField(row, 6, needNumber, "plan_day");
  const source = optionalField(row, 7, needString, "source");
  if (planId !== undefined) args.plan_id = planId;
  if (planDay !== undefined) args.plan_day = planDay;
  if (source !== undefined) args.source = source;
  if (name !== undefined) args.name = name;
  return { op: "session.start", args };
}

function decodeSetLog(row: unknown[], r: BatchReader): MutationBody {
  const [sessionId, base] = r.session(row[2]);
  const rawId = row[3];
  const id = Number.isInteger(rawId) ? `${sessionId}-${rawId}` : needString(rawId, "set id");
  const flags = needNumber(row[8], "flags");
  const hold = (flags & FLAG_HOLD) !== 0;
  const sideCode = (flags >> SIDE_SHIFT) & 3;
  if (sideCode > 2) throw new BatchFormatError("side code must be 0, 1 or 2");
  const value = needNumber(row[9], "value");
  const args: SetLogArgs = {
    id,
    session_id: sessionId,
    exercise_id: r.exercise(row[4]),
    set_index: needNumber(row[5], "set_index"),
    started_at: readTime(row[6], base, "started_at"),
    ended_at: readTime(row[7], base, "ended_at"),
  };
  if (hold) args.hold_s = value;
  else args.reps = value;
  const side = SIDES[sideCode];
  if (side !== undefined) args.side = side;
  const weight = optionalField(row, 11, needNumber, "weight_kg");
  if (weight !== undefined) args.weight_kg = weight;
  const rpe = optionalField(row, 12, needNumber, "rpe");
  if (rpe !== undefined) args.rpe = rpe;
  const target = optionalField(row, 10, needNumber, "target");
  if (target !== undefined) {
    if (hold) args.target_hold_s = target;
    else args.target_reps = target;
  }
  const hrAvg = optionalField(row, 13, needNumber, "hr_avg");
  if (hrAvg !== undefined) args.hr_avg = hrAvg;
  const hrMax = optionalField(row, 14, needNumber, "hr_max");
  if (hrMax !== undefined) args.hr_max = hrMax;
  return { op: "set.log", args };
}

function decodeSessionFinish(row: unknown[], r: BatchReader): MutationBody {
  const [id, base] = r.session(row[2]);
  const args: SessionFinishArgs = { id, ended_at: readTime(row[3], base, "ended_at") };
  const rpe = optionalField(row, 4, needNumber, "rpe");
  const notes = optionalField(row, 5, needString, "notes");
  if (rpe !== undefined) args.rpe = rpe;
  if (notes !== undefined) args.notes = notes;
  const hrAvg = optionalField(row, 6, needNumber, "hr_avg");
  if (hrAvg !== undefined) args.hr_avg = hrAvg;
  return { op: "session.finish", args };
}

function decodeItem(row: unknown, r: BatchReader): SequencedMutation {
  if (!Array.isArray(row)) throw new BatchFormatError("an item must be an array");
  const seq = row[0];
  if (!Number.isSafeInteger(seq) || (seq as number) < 1) {
    throw new BatchFormatError("seq must be a positive integer");
  }
  switch (row[1]) {
    case OP_SESSION_START:
      return { seq: seq as number, mutation: decodeSessionStart(row, r) };
    case OP_SET_LOG:
      return { seq: seq as number, mutation: decodeSetLog(row, r) };
    case OP_SESSION_FINISH:
      return { seq: seq as number, mutation: decodeSessionFinish(row, r) };
    case OP_OTHER: {
      const op = needString(row[2], "op");
      const args = row[3];
      if (typeof args !== "object" || args === null || Array.isArray(args)) {
        throw new BatchFormatError("args must be an object");
      }
      // The op is checked by the server, which rejects what it does not know.
      return { seq: seq as number, mutation: { op, args } as MutationBody };
    }
    default:
      throw new BatchFormatError(`unknown item kind ${JSON.stringify(row[1])}`);
  }
}

export function decodeBatch(value: unknown): SequencedMutation[] {
  if (!Array.isArray(value) || value.length !== 3) {
    throw new BatchFormatError("a batch is [sessions, exercises, items]");
  }
  const [sessions, exercises, items] = value as unknown[];
  if (!Array.isArray(sessions) || !Array.isArray(exercises) || !Array.isArray(items)) {
    throw new BatchFormatError("sessions, exercises and items must be arrays");
  }
  const sessionTable = sessions.map((s, i): [string, number] => {
    if (!Array.isArray(s) || s.length !== 2 || !Number.isInteger(s[1])) {
      throw new BatchFormatError(`session ${i} must be [id, baseSeconds]`);
    }
    return [needString(s[0], `session ${i} id`), s[1] as number];
  });
  const exerciseTable = exercises.map((e, i) => needString(e, `exercise ${i}`));
  const reader = new BatchReader(sessionTable, exerciseTable);
  return items.map((row) => decodeItem(row, reader));
}

const TIME_KEYS = ["started_at", "ended_at"] as const;

/**
 * The mutation with its instants truncated to whole seconds (the precision of a logged set),
 * which is what lets the compact encoding write them as small offsets.
 */
export function withWholeSecondTimes(m: MutationBody): MutationBody {
  const args = { ...m.args } as Record<string, unknown>;
  for (const key of TIME_KEYS) {
    const value = args[key];
    if (typeof value !== "string") continue;
    const ms = Date.parse(value);
    // Only instants `toISOString()` wrote are rewritten; any other text stays as it was.
    if (Number.isFinite(ms) && new Date(ms).toISOString() === value) {
      args[key] = new Date(Math.floor(ms / 1000) * 1000).toISOString();
    }
  }
  return { op: m.op, args } as MutationBody;
}

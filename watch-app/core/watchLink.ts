// The watch ↔ phone message protocol: compact JSON arrays whose first element is the protocol
// version, each message kept under the transport's budget (ZML chunks at ~3.5 KB; Fitbit's
// peerSocket takes ~1 KB, so its shells pass a smaller budget).
import type { EngineItem } from "@runstrong/shared/engine";
import { utf8ByteLength } from "./byteLength.ts";
import { decodeBatch, encodeBatch, type SequencedMutation } from "./mutationBatch.ts";
import type { AckProblem, OutboxStream } from "./outbox.ts";
import type { TodayPlan } from "./todayPlan.ts";

export const WATCH_LINK_VERSION = 1;
/** Default budget per message, well under ZML's ~3.5 KB chunk. */
export const DEFAULT_MAX_MESSAGE_BYTES = 3000;
/** Most mutations in one push message, whatever their size. */
export const MAX_PUSH_ITEMS = 40;

// ---- watch → phone ----

export type WatchRequest =
  /** Outbox items, oldest first, in the numbering `stream` names. */
  | { type: "push"; stream: OutboxStream; items: SequencedMutation[] }
  | { type: "status" }
  /** `name` is what the approval page shows, e.g. "Amazfit Balance". */
  | { type: "pair_start"; name: string }
  | { type: "pair_poll" }
  /**
   * The session of one day: by `date` ("YYYY-MM-DD", the watch's local date) from phones that
   * keep the week of sessions; `weekday` is what older phones answer by. `sync`: the runner
   * asked to sync now, so the phone checks the server for plan changes first.
   */
  | { type: "get_today"; weekday: number; date?: string; sync?: true };

// ---- phone → watch ----

/** Why the phone could not finish: no network, the server failed, or it asked us to wait. */
export type RetryReason = "offline" | "server" | "rate_limited";

export type LinkErrorCode =
  | RetryReason
  /** The phone holds no valid token: pair again (the watch keeps its outbox). */
  | "unpaired"
  /** The server refused the request as a whole (400/413): a bug, not a transient state. */
  | "bad_request"
  /** The other side speaks another protocol version: update the app. */
  | "version"
  /** A reply could not be made to fit the message budget. */
  | "too_large";

export type PairingState = "idle" | "pending" | "paired" | "denied" | "expired";

export interface PairingView {
  state: PairingState;
  /** Shown as XXXX-XXXX while pending. */
  userCode?: string;
  /** Seconds left at the moment of the reply (relative: the two clocks may disagree). */
  expiresInS?: number;
  verificationUri?: string;
}

export type PhoneReply =
  | {
      type: "acks";
      generation: number;
      /** Every pushed item with a seq up to here is durable on the server (0: none). */
      upToSeq: number;
      /** Rejected or conflicting items among them, with the server's reason. */
      problems: AckProblem[];
      /** Set when part of the push is still to go: try again after that many seconds. */
      retry?: { reason: RetryReason; afterS: number };
    }
  /** The server expects `expectedSeq` next; the push that started at `firstSeq` was not sent. */
  | { type: "rebase"; generation: number; firstSeq: number; expectedSeq: number }
  | { type: "status"; paired: boolean; lastSyncAgoS: number | null }
  | ({ type: "pairing" } & PairingView)
  /**
   * `rev` names what the phone would send for the whole week (today and six more dates): while
   * it is unchanged the watch need not ask for the other days again.
   */
  | { type: "today"; today: TodayPlan; stale: boolean; rev?: number }
  | { type: "error"; code: LinkErrorCode; message?: string; retryAfterS?: number };

export class WatchLinkError extends Error {
  constructor(
    readonly code: "malformed" | "version",
    problem: string,
  ) {
    super(`watch link: ${problem}`);
    this.name = "WatchLinkError";
  }
}

// ---- shared helpers ----

function trimmed(row: unknown[]): unknown[] {
  let end = row.length;
  while (end > 0 && (row[end - 1] === null || row[end - 1] === undefined)) end--;
  return row.slice(0, end).map((v) => (v === undefined ? null : v));
}

function fail(problem: string): never {
  throw new WatchLinkError("malformed", problem);
}

function open(text: string): unknown[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    fail("not JSON");
  }
  if (!Array.isArray(value) || value.length < 2) fail("a message is [version, type, ...]");
  if (value[0] !== WATCH_LINK_VERSION) {
    throw new WatchLinkError(
      "version",
      `protocol version ${JSON.stringify(value[0])} is not ${WATCH_LINK_VERSION}`,
    );
  }
  return value;
}

const present = (v: unknown) => v !== null && v !== undefined;

function int(v: unknown, what: string, min = 0): number {
  if (!Number.isSafeInteger(v) || (v as number) < min) fail(`${what} must be an integer >= ${min}`);
  return v as number;
}

function str(v: unknown, what: string): string {
  if (typeof v !== "string") fail(`${what} must be a string`);
  return v;
}

function optInt(v: unknown, what: string): number | undefined {
  return present(v) ? int(v, what) : undefined;
}

function optStr(v: unknown, what: string): string | undefined {
  return present(v) ? str(v, what) : undefined;
}

function oneOf<T extends string>(v: unknown, options: readonly T[], what: string): T {
  if (!options.includes(v as T)) fail(`${what} must be one of ${options.join(", ")}`);
  return v as T;
}

function withBatch<T>(read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof WatchLinkError) throw e;
    fail((e as Error).message);
  }
}

export function messageBytes(message: string): number {
  return utf8ByteLength(message);
}

// ---- watch requests ----

export function encodeWatchRequest(req: WatchRequest): string {
  const v = WATCH_LINK_VERSION;
  switch (req.type) {
    case "push":
      return JSON.stringify([
        v,
        "push",
        req.stream.outboxId,
        req.stream.generation,
        encodeBatch(req.items),
      ]);
    case "status":
    case "pair_poll":
      return JSON.stringify([v, req.type]);
    case "pair_start":
      return JSON.stringify([v, "pair_start", req.name]);
    case "get_today":
      return JSON.stringify(trimmed([v, "get_today", req.weekday, req.date, req.sync ? 1 : null]));
  }
}

export function decodeWatchRequest(text: string): WatchRequest {
  const m = open(text);
  switch (m[1]) {
    case "push":
      return {
        type: "push",
        stream: { outboxId: str(m[2], "outbox id"), generation: int(m[3], "generation") },
        items: withBatch(() => decodeBatch(m[4])),
      };
    case "status":
      return { type: "status" };
    case "pair_poll":
      return { type: "pair_poll" };
    case "pair_start":
      return { type: "pair_start", name: str(m[2], "name") };
    case "get_today": {
      const req: WatchRequest = { type: "get_today", weekday: int(m[2], "weekday", 1) };
      const date = optStr(m[3], "date");
      if (date !== undefined) req.date = date;
      if (m[4] === 1) req.sync = true;
      return req;
    }
    default:
      return fail(`unknown request ${JSON.stringify(m[1])}`);
  }
}

/**
 * The next push message: the oldest pending items that fit `maxBytes` (at most `maxItems`).
 * One item always goes, even alone over budget, so a large item cannot block the queue (ZML
 * still carries it, in several chunks).
 */
export function encodePushChunk(
  stream: OutboxStream,
  pending: readonly SequencedMutation[],
  opts: { maxBytes?: number; maxItems?: number } = {},
): { message: string; count: number } {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  let count = Math.min(pending.length, opts.maxItems ?? MAX_PUSH_ITEMS);
  for (;;) {
    const message = encodeWatchRequest({ type: "push", stream, items: pending.slice(0, count) });
    const size = messageBytes(message);
    if (size <= maxBytes || count <= 1) return { message, count };
    // Shrink in proportion to the overshoot, by at least one item.
    count = Math.max(1, Math.min(count - 1, Math.floor((count * maxBytes) / size)));
  }
}

// ---- phone replies ----

const PAIRING_STATES: readonly PairingState[] = ["idle", "pending", "paired", "denied", "expired"];
const RETRY_REASONS: readonly RetryReason[] = ["offline", "server", "rate_limited"];
const ERROR_CODES: readonly LinkErrorCode[] = [
  "offline",
  "server",
  "rate_limited",
  "unpaired",
  "bad_request",
  "version",
  "too_large",
];
const MODES = ["reps", "hold", "amrap"] as const;
/** Bits of a today's `flags`. */
const DELOAD = 1;
const TAPER = 2;
const ADJUSTED = 4;
const PROBLEM_CODES = { rejected: "r", conflict: "c" } as const;

function encodeToday(t: TodayPlan): unknown[] {
  // Exercise rows are unique (id, name) pairs; a cue rides on the first row of its id.
  const rows: [string, string, string?][] = [];
  const index = new Map<string, number>();
  const cued = new Set<string>();
  const items = t.items.map((item) => {
    const key = JSON.stringify([item.exercise_id, item.name]);
    let at = index.get(key);
    if (at === undefined) {
      const row: [string, string, string?] = [item.exercise_id, item.name];
      const cue = t.cues[item.exercise_id];
      if (cue !== undefined && !cued.has(item.exercise_id)) {
        row.push(cue);
        cued.add(item.exercise_id);
      }
      rows.push(row);
      at = rows.length - 1;
      index.set(key, at);
    }
    return trimmed([
      at,
      MODES.indexOf(item.mode),
      item.per_side ? 1 : 0,
      item.sets,
      item.rest_s,
      item.target_reps,
      item.target_hold_s,
      item.weight_kg,
    ]);
  });
  const flags = (t.deload ? DELOAD : 0) | (t.taper ? TAPER : 0) | (t.adjusted ? ADJUSTED : 0);
  // The fields after `items` came later: older watches read the first six and ignore the rest.
  return [
    t.weekday,
    t.planId,
    t.planName,
    t.title,
    rows,
    items,
    t.date,
    t.why,
    flags === 0 ? null : flags,
    t.planAt,
  ];
}

function decodeToday(m: unknown[]): TodayPlan {
  const [weekday, planId, planName, title, rows, items, date, why, flags, planAt] = m;
  if (!Array.isArray(rows) || !Array.isArray(items)) fail("today needs exercise and item lists");
  const cues: Record<string, string> = {};
  const table = rows.map((row, i): [string, string] => {
    if (!Array.isArray(row)) fail(`exercise ${i} must be an array`);
    const id = str(row[0], `exercise ${i} id`);
    const cue = optStr(row[2], `exercise ${i} cue`);
    if (cue !== undefined) cues[id] = cue;
    return [id, str(row[1], `exercise ${i} name`)];
  });
  const engineItems = items.map((row, i): EngineItem => {
    if (!Array.isArray(row)) fail(`item ${i} must be an array`);
    const ref = table[int(row[0], `item ${i} exercise`)];
    if (ref === undefined) fail(`item ${i} names no exercise`);
    const mode = MODES[int(row[1], `item ${i} mode`)];
    if (mode === undefined) fail(`item ${i} has an unknown mode`);
    const item: EngineItem = {
      exercise_id: ref[0],
      name: ref[1],
      mode,
      per_side: row[2] === 1,
      sets: int(row[3], `item ${i} sets`, 1),
      rest_s: int(row[4], `item ${i} rest`),
    };
    const targetReps = optInt(row[5], `item ${i} target reps`);
    const targetHold = optInt(row[6], `item ${i} target hold`);
    if (targetReps !== undefined) item.target_reps = targetReps;
    if (targetHold !== undefined) item.target_hold_s = targetHold;
    if (present(row[7])) {
      if (typeof row[7] !== "number" || !(row[7] >= 0)) fail(`item ${i} weight must be >= 0`);
      item.weight_kg = row[7];
    }
    return item;
  });
  const text = (v: unknown, what: string) => (v === null ? null : str(v, what));
  const today: TodayPlan = {
    weekday: int(weekday, "weekday", 1),
    planId: text(planId, "plan id"),
    planName: text(planName, "plan name"),
    title: text(title, "title"),
    items: engineItems,
    cues,
  };
  const day = optStr(date, "date");
  const reason = optStr(why, "why");
  const bits = optInt(flags, "flags") ?? 0;
  const at = optStr(planAt, "plan address");
  if (day !== undefined) today.date = day;
  if (reason !== undefined) today.why = reason;
  if (bits & DELOAD) today.deload = true;
  if (bits & TAPER) today.taper = true;
  if (bits & ADJUSTED) today.adjusted = true;
  if (at !== undefined) today.planAt = at;
  return today;
}

export function encodePhoneReply(reply: PhoneReply): string {
  const v = WATCH_LINK_VERSION;
  switch (reply.type) {
    case "acks": {
      const problems = reply.problems.map((p) =>
        trimmed([p.seq, PROBLEM_CODES[p.status], p.error]),
      );
      const retry = reply.retry === undefined ? null : [reply.retry.reason, reply.retry.afterS];
      return JSON.stringify(trimmed([v, "acks", reply.generation, reply.upToSeq, problems, retry]));
    }
    case "rebase":
      return JSON.stringify([v, "rebase", reply.generation, reply.firstSeq, reply.expectedSeq]);
    case "status":
      return JSON.stringify([v, "status", reply.paired ? 1 : 0, reply.lastSyncAgoS]);
    case "pairing":
      return JSON.stringify(
        trimmed([
          v,
          "pairing",
          reply.state,
          reply.userCode,
          reply.expiresInS,
          reply.verificationUri,
        ]),
      );
    case "today":
      return JSON.stringify(
        trimmed([v, "today", reply.stale ? 1 : 0, ...encodeToday(reply.today), reply.rev]),
      );
    case "error":
      return JSON.stringify(trimmed([v, "error", reply.code, reply.message, reply.retryAfterS]));
  }
}

export function decodePhoneReply(text: string): PhoneReply {
  const m = open(text);
  switch (m[1]) {
    case "acks": {
      const rawProblems = present(m[4]) ? m[4] : [];
      if (!Array.isArray(rawProblems)) fail("problems must be a list");
      const problems = rawProblems.map((p, i): AckProblem => {
        if (!Array.isArray(p)) fail(`problem ${i} must be an array`);
        const code = oneOf(p[1], ["r", "c"] as const, `problem ${i} status`);
        const problem: AckProblem = {
          seq: int(p[0], `problem ${i} seq`, 1),
          status: code === "r" ? "rejected" : "conflict",
        };
        const error = optStr(p[2], `problem ${i} error`);
        if (error !== undefined) problem.error = error;
        return problem;
      });
      const reply: PhoneReply = {
        type: "acks",
        generation: int(m[2], "generation"),
        upToSeq: int(m[3], "upToSeq"),
        problems,
      };
      if (present(m[5])) {
        const r = m[5];
        if (!Array.isArray(r)) fail("retry must be [reason, afterS]");
        reply.retry = {
          reason: oneOf(r[0], RETRY_REASONS, "retry reason"),
          afterS: int(r[1], "retry afterS"),
        };
      }
      return reply;
    }
    case "rebase":
      return {
        type: "rebase",
        generation: int(m[2], "generation"),
        firstSeq: int(m[3], "firstSeq", 1),
        expectedSeq: int(m[4], "expectedSeq", 1),
      };
    case "status":
      return {
        type: "status",
        paired: m[2] === 1,
        lastSyncAgoS: present(m[3]) ? int(m[3], "lastSyncAgoS") : null,
      };
    case "pairing": {
      const reply: PhoneReply = {
        type: "pairing",
        state: oneOf(m[2], PAIRING_STATES, "pairing state"),
      };
      const userCode = optStr(m[3], "user code");
      const expiresInS = optInt(m[4], "expiresInS");
      const uri = optStr(m[5], "verification uri");
      if (userCode !== undefined) reply.userCode = userCode;
      if (expiresInS !== undefined) reply.expiresInS = expiresInS;
      if (uri !== undefined) reply.verificationUri = uri;
      return reply;
    }
    case "today": {
      const reply: PhoneReply = {
        type: "today",
        stale: m[2] === 1,
        today: decodeToday(m.slice(3)),
      };
      const rev = optInt(m[13], "rev");
      if (rev !== undefined) reply.rev = rev;
      return reply;
    }
    case "error": {
      const reply: PhoneReply = { type: "error", code: oneOf(m[2], ERROR_CODES, "error code") };
      const message = optStr(m[3], "message");
      const retryAfterS = optInt(m[4], "retryAfterS");
      if (message !== undefined) reply.message = message;
      if (retryAfterS !== undefined) reply.retryAfterS = retryAfterS;
      return reply;
    }
    default:
      return fail(`unknown reply ${JSON.stringify(m[1])}`);
  }
}

// ---- fitting replies into the budget ----

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Progressively shorter versions of a reply, least lossy first; the last is the floor. */
function shrinkSteps(reply: PhoneReply): PhoneReply[] {
  if (reply.type === "acks") {
    return [60, 20, 0].map((max) => ({
      ...reply,
      problems: reply.problems.map((p) => {
        const { error, ...rest } = p;
        return max === 0 || error === undefined ? rest : { ...rest, error: clip(error, max) };
      }),
    }));
  }
  if (reply.type === "today") {
    const withCues = (max: number) =>
      Object.fromEntries(Object.entries(reply.today.cues).map(([id, cue]) => [id, clip(cue, max)]));
    const names = (max: number) =>
      reply.today.items.map((i) => ({ ...i, name: clip(i.name, max) }));
    const t = reply.today;
    const why = t.why === undefined ? {} : { why: clip(t.why, 60) };
    return [
      { ...reply, today: { ...t, ...why, cues: withCues(80) } },
      { ...reply, today: { ...t, ...why, cues: {} } },
      { ...reply, today: { ...t, ...why, cues: {}, items: names(20) } },
    ];
  }
  if (reply.type === "error" && reply.message !== undefined) {
    return [{ ...reply, message: clip(reply.message, 80) }];
  }
  return [];
}

/**
 * Encodes a reply within `maxBytes`: error texts, cues and then names are shortened as needed
 * (acks and seqs never are). A today's plan that still does not fit becomes a `too_large` error.
 */
export function encodePhoneReplyWithin(reply: PhoneReply, maxBytes = DEFAULT_MAX_MESSAGE_BYTES) {
  let message = encodePhoneReply(reply);
  for (const smaller of shrinkSteps(reply)) {
    if (messageBytes(message) <= maxBytes) return message;
    message = encodePhoneReply(smaller);
  }
  if (messageBytes(message) <= maxBytes || reply.type !== "today") return message;
  return encodePhoneReply({
    type: "error",
    code: "too_large",
    message: "Today's session is too long for the watch link.",
  });
}

// The watch ↔ phone message protocol: compact JSON arrays whose first element is the protocol
// version, each message kept under the transport's budget (ZML chunks at ~3.5 KB; Fitbit's
// peerSocket takes ~1 KB, so its shells pass a smaller budget).
//
// Sets: the watch hands the items of its outbox to the phone (`hand_off`, mutations in the
// compact batch form, named by the watch's local item ids within its outbox's `stream`); the
// phone stores them in its own outbox, which runs the shared sync client, and answers `taken`:
// how far it holds them durably, what still waits for the server there and what it refused.

import { utf8Length } from "@runstrong/shared/client";
import type { EngineItem } from "@runstrong/shared/engine";
import { type CompactBatch, decodeBatch, type SequencedMutation } from "./mutationBatch.ts";
import type { TodayPlan } from "./todayPlan.ts";

export const WATCH_LINK_VERSION = 1;
/** Default budget per message, well under ZML's ~3.5 KB chunk. */
export const DEFAULT_MAX_MESSAGE_BYTES = 3000;
/** Most mutations in one hand-off message, whatever their size. */
export const MAX_HAND_OFF_ITEMS = 40;

// ---- watch → phone ----

export type WatchRequest =
  /**
   * Outbox items for the phone to keep and push, oldest first; each item's `seq` here is the
   * watch's local item id, never reused within `stream` (the watch outbox's random name).
   * Items may be few or none: the reply still says what waits on the phone.
   */
  | { type: "hand_off"; stream: string; batch: CompactBatch }
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

/** A request as the phone reads it: a hand-off's batch decoded and checked. */
export type ReceivedWatchRequest =
  | Exclude<WatchRequest, { type: "hand_off" }>
  | { type: "hand_off"; stream: string; items: SequencedMutation[] };

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

/** A mutation the server (or the phone's client) refused, as the watch shows it. */
export interface RefusedItem {
  /** The device seq it was sent with. */
  seq: number;
  op: string;
  /** The id in the mutation's args, so the user can tell which set it was. */
  entityId: string | null;
  status: "rejected" | "conflict";
  error: string;
}

/** The phone's answer to a hand-off. */
export interface TakenReply {
  type: "taken";
  /** Every item of the stream with a local id up to here is stored on the phone (0: none). */
  upTo: number;
  /** Mutations on the phone still waiting for the server, and how many are sets. */
  waitingItems: number;
  waitingSets: number;
  /** The latest refused mutations (kept on the phone until it clears them). */
  refused: RefusedItem[];
  /** Why the phone's last push stopped, while something waits. */
  why?: LinkErrorCode;
}

export type PhoneReply =
  | TakenReply
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
  return utf8Length(message);
}

// ---- watch requests ----

export function encodeWatchRequest(req: WatchRequest): string {
  const v = WATCH_LINK_VERSION;
  switch (req.type) {
    case "hand_off":
      return JSON.stringify([v, "hand_off", req.stream, req.batch]);
    case "status":
    case "pair_poll":
      return JSON.stringify([v, req.type]);
    case "pair_start":
      return JSON.stringify([v, "pair_start", req.name]);
    case "get_today":
      return JSON.stringify(trimmed([v, "get_today", req.weekday, req.date, req.sync ? 1 : null]));
  }
}

export function decodeWatchRequest(text: string): ReceivedWatchRequest {
  const m = open(text);
  switch (m[1]) {
    case "hand_off":
      return {
        type: "hand_off",
        stream: str(m[2], "stream"),
        items: withBatch(() => decodeBatch(m[3])),
      };
    case "status":
      return { type: "status" };
    case "pair_poll":
      return { type: "pair_poll" };
    case "pair_start":
      return { type: "pair_start", name: str(m[2], "name") };
    case "get_today": {
      const req: ReceivedWatchRequest = { type: "get_today", weekday: int(m[2], "weekday", 1) };
      const date = optStr(m[3], "date");
      if (date !== undefined) req.date = date;
      if (m[4] === 1) req.sync = true;
      return req;
    }
    default:
      return fail(`unknown request ${JSON.stringify(m[1])}`);
  }
}

// ---- phone replies ----

const PAIRING_STATES: readonly PairingState[] = ["idle", "pending", "paired", "denied", "expired"];
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
/** Refusal statuses on the link, by their first letter. */
const REFUSED_CODES = { r: "rejected", c: "conflict" } as const;
type RefusedCode = keyof typeof REFUSED_CODES;

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
    case "taken": {
      const refused = reply.refused.map((r) =>
        trimmed([r.seq, r.op, r.entityId, r.status.charAt(0), r.error]),
      );
      return JSON.stringify(
        trimmed([
          v,
          "taken",
          reply.upTo,
          reply.waitingItems,
          reply.waitingSets,
          refused,
          reply.why,
        ]),
      );
    }
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
        // Heart rate came after `rev`, so watches that predate it read every field as before.
        trimmed([
          v,
          "today",
          reply.stale ? 1 : 0,
          ...encodeToday(reply.today),
          reply.rev,
          reply.today.maxHr,
          reply.today.restHrReady,
        ]),
      );
    case "error":
      return JSON.stringify(trimmed([v, "error", reply.code, reply.message, reply.retryAfterS]));
  }
}

function decodeRefused(raw: unknown): RefusedItem[] {
  if (!Array.isArray(raw)) fail("refused must be a list");
  return raw.map((row, i): RefusedItem => {
    if (!Array.isArray(row)) fail(`refused ${i} must be an array`);
    const code = oneOf(row[3], Object.keys(REFUSED_CODES) as RefusedCode[], `refused ${i} status`);
    const status = REFUSED_CODES[code];
    return {
      seq: int(row[0], `refused ${i} seq`),
      op: str(row[1], `refused ${i} op`),
      entityId: optStr(row[2], `refused ${i} id`) ?? null,
      status,
      error: optStr(row[4], `refused ${i} error`) ?? status,
    };
  });
}

export function decodePhoneReply(text: string): PhoneReply {
  const m = open(text);
  switch (m[1]) {
    case "taken": {
      const reply: TakenReply = {
        type: "taken",
        upTo: int(m[2], "upTo"),
        waitingItems: int(m[3], "waiting items"),
        waitingSets: int(m[4], "waiting sets"),
        refused: present(m[5]) ? decodeRefused(m[5]) : [],
      };
      if (present(m[6])) reply.why = oneOf(m[6], ERROR_CODES, "why");
      return reply;
    }
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
      const maxHr = optInt(m[14], "max heart rate");
      const ready = optInt(m[15], "rest heart rate");
      if (maxHr !== undefined) reply.today.maxHr = maxHr;
      if (ready !== undefined) reply.today.restHrReady = ready;
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
  if (reply.type === "taken") {
    return [60, 20, 0].map((max) => ({
      ...reply,
      refused: reply.refused.map((r) => ({
        ...r,
        error: max === 0 ? r.status : clip(r.error, max),
      })),
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
 * (counts and ids never are; a refused item may lose its reason, which the watch then shows as
 * "rejected"). A today's plan that still does not fit becomes a `too_large` error.
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

// The outbox's stored state and the pure steps that change it: append, settle acks, stand in for
// a locally rejected mutation, and move the seq numbering when the server says where it stands.
import type { Ack, WireMutation } from "./protocol.ts";

export type OutboxItem = {
  /** Local name of the item, never reused: survives any renumbering. */
  id: number;
  /** The device seq it travels with. */
  seq: number;
  op: string;
  args: Record<string, unknown>;
  queuedAt: number;
  /**
   * Set on the stand-in of a mutation that was rejected locally (see FILLER): it keeps the seq
   * taken, so no seq that may have been sent ever names another mutation.
   */
  filler?: true;
};

/** A mutation the server (or the client, `local`) refused, kept for the user to see. */
export type Problem = {
  id: number;
  seq: number;
  op: string;
  args: Record<string, unknown>;
  status: "rejected" | "conflict";
  error: string;
  current?: unknown;
  local?: true;
};

export type OutboxState = {
  v: 1;
  /** The server device the numbering belongs to, once known. */
  deviceId: string | null;
  /** True once the numbering was checked against the server's last_seq (see bind). */
  bound: boolean;
  nextSeq: number;
  nextId: number;
  items: OutboxItem[];
  /** The latest problems, newest last. */
  problems: Problem[];
  /** An opaque mark written in the same store write as the items it came with. */
  mark: string | null;
};

/** An item the server answered, with its ack. */
export type Settled = { item: OutboxItem; ack: Ack };

/**
 * The stand-in sent in place of a locally rejected mutation: a known op with args the server
 * rejects (`id` is required), so it is acknowledged `rejected`, uses up its seq and changes nothing.
 */
export const FILLER = { op: "set.delete", args: {} } as const;
export const MAX_PROBLEMS_KEPT = 10;

export const emptyState = (): OutboxState => ({
  v: 1,
  deviceId: null,
  bound: false,
  nextSeq: 1,
  nextId: 1,
  items: [],
  problems: [],
  mark: null,
});

const isInt = (v: unknown, min: number): v is number =>
  Number.isSafeInteger(v) && (v as number) >= min;
const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function isItem(v: unknown): v is OutboxItem {
  if (!isPlainObject(v)) return false;
  return isInt(v.id, 1) && isInt(v.seq, 1) && typeof v.op === "string" && isPlainObject(v.args);
}

/** The state in `value` when it is one this module wrote, else null. */
export function asState(value: unknown): OutboxState | null {
  if (!isPlainObject(value) || value.v !== 1) return null;
  const ok =
    (value.deviceId === null || typeof value.deviceId === "string") &&
    typeof value.bound === "boolean" &&
    isInt(value.nextSeq, 1) &&
    isInt(value.nextId, 1) &&
    Array.isArray(value.items) &&
    value.items.every(isItem) &&
    Array.isArray(value.problems) &&
    (value.mark === null || typeof value.mark === "string");
  return ok ? (value as OutboxState) : null;
}

export function append(
  state: OutboxState,
  bodies: readonly { op: string; args: Record<string, unknown> }[],
  now: number,
  mark?: string,
): { state: OutboxState; added: OutboxItem[] } {
  const added = bodies.map(
    (b, i): OutboxItem => ({
      id: state.nextId + i,
      seq: state.nextSeq + i,
      op: b.op,
      args: b.args,
      queuedAt: now,
    }),
  );
  const next: OutboxState = {
    ...state,
    nextSeq: state.nextSeq + added.length,
    nextId: state.nextId + added.length,
    items: [...state.items, ...added],
    mark: mark ?? state.mark,
  };
  return { state: next, added };
}

function withProblems(state: OutboxState, problems: Problem[]): Problem[] {
  return [...state.problems, ...problems].slice(-MAX_PROBLEMS_KEPT);
}

function problemOf(item: OutboxItem, ack: Ack): Problem | null {
  if (item.filler || (ack.status !== "rejected" && ack.status !== "conflict")) return null;
  const p: Problem = {
    id: item.id,
    seq: item.seq,
    op: item.op,
    args: item.args,
    status: ack.status,
    error: ack.error ?? ack.status,
  };
  if (ack.status === "conflict") p.current = ack.current ?? null;
  return p;
}

/**
 * Removes every sent item the server acknowledged (any status: all are durable), matched by the
 * seq it was sent with and then by its local id, so a renumbering in between cannot misplace it.
 */
export function settle(
  state: OutboxState,
  sent: readonly OutboxItem[],
  acks: readonly Ack[],
  deviceId: string | undefined,
): { state: OutboxState; settled: Settled[] } {
  const bySeq = new Map(sent.map((i) => [i.seq, i]));
  const held = new Map(state.items.map((i) => [i.id, i]));
  const settled: Settled[] = [];
  for (const ack of acks) {
    const item = bySeq.get(ack.seq);
    if (item === undefined || !held.has(item.id)) continue;
    held.delete(item.id);
    settled.push({ item, ack });
  }
  const problems: Problem[] = [];
  for (const s of settled) {
    const p = problemOf(s.item, s.ack);
    if (p !== null) problems.push(p);
  }
  const next: OutboxState = {
    ...state,
    deviceId: deviceId ?? state.deviceId,
    items: state.items.filter((i) => held.has(i.id)),
    problems: withProblems(state, problems),
  };
  return { state: next, settled };
}

/** Puts the stand-in in place of item `id` (same seq) and records why it was refused. */
export function rejectLocally(
  state: OutboxState,
  id: number,
  error: string,
): { state: OutboxState; problem: Problem | null } {
  const item = state.items.find((i) => i.id === id);
  if (item === undefined || item.filler) return { state, problem: null };
  const problem: Problem = { ...pick(item), status: "rejected", error, local: true };
  const filler: OutboxItem = { ...item, ...FILLER, args: {}, filler: true };
  const items = state.items.map((i) => (i.id === id ? filler : i));
  return { state: { ...state, items, problems: withProblems(state, [problem]) }, problem };
}

const pick = (i: OutboxItem) => ({ id: i.id, seq: i.seq, op: i.op, args: i.args });

function renumberFrom(items: OutboxItem[], first: number): OutboxItem[] {
  return items.map((item, i) => ({ ...item, seq: first + i }));
}

function nextSeqAfter(items: OutboxItem[], floor: number): number {
  const last = items[items.length - 1];
  return Math.max(floor, last === undefined ? floor : last.seq + 1);
}

/**
 * After 409 seq_gap: the server has applied everything below `expected` and nothing from it on.
 * Items at or above `expected` were never applied, so they move down to follow on from it.
 * Items below it are durable on the server's word, but they keep their seqs rather than being
 * dropped: resending them costs a `duplicate` ack, while dropping on a wrong `expected` would
 * lose data. Fillers (which a seq_gap may have come from) stay in place like any item.
 */
export function realign(state: OutboxState, expected: number): OutboxState {
  const below = state.items.filter((i) => i.seq < expected);
  const moved = renumberFrom(
    state.items.filter((i) => i.seq >= expected),
    expected,
  );
  const items = [...below, ...moved];
  return { ...state, items, nextSeq: nextSeqAfter(items, expected) };
}

/**
 * Ties a numbering made without the server's word (fresh store, another device) to the
 * device's `lastSeq`: nothing of it was sent to this device yet, so it may move freely.
 */
export function bind(state: OutboxState, lastSeq: number, deviceId: string | null): OutboxState {
  const items = renumberFrom(state.items, lastSeq + 1);
  return {
    ...state,
    bound: true,
    deviceId: deviceId ?? state.deviceId,
    items,
    nextSeq: nextSeqAfter(items, lastSeq + 1),
  };
}

/** The wire form of an item. */
export const toWire = (i: OutboxItem): WireMutation => ({ seq: i.seq, op: i.op, args: i.args });

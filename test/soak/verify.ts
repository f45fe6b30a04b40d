// The soak's final checks, once every device has pushed and pulled to the end on a clean link:
// the server holds every live entity exactly once and nothing deleted (against the devices'
// own record of what they stored), each device's copy equals the server's, each device's seqs
// and acks add up, and no device's cursor ever went backwards.
import { isDeepStrictEqual } from "node:util";
import { decodeCursor } from "@runstrong/shared/sync";
import type { SoakDevice } from "./device.ts";
import {
  compare,
  ENTITY_KINDS,
  type EntityKind,
  Expectation,
  type Findings,
  type ServerCopy,
} from "./expectation.ts";

// biome-ignore lint/suspicious/noExplicitAny: pull pages of our own API.
type Json = any;
type Row = Record<string, unknown>;

export type DeviceFindings = {
  diverged: string[];
  cursorRegressions: string[];
  /** Mutations the server never took (still queued, or seqs short of what was stored). */
  lost: string[];
  /** Seqs or acks beyond what was stored. */
  duplicated: string[];
  refused: string[];
  resets: number;
};

/** The account as the server's pull shows it. */
export function serverCopyOf(pages: Json[]): ServerCopy {
  const rows = new Map<EntityKind, Map<string, Row>>(ENTITY_KINDS.map((k) => [k, new Map()]));
  const repeated: string[] = [];
  let settings: Row | null = null;
  for (const page of pages) {
    for (const kind of ENTITY_KINDS) {
      const into = rows.get(kind) as Map<string, Row>;
      for (const row of page.changes[kind] as Row[]) {
        const id = String(row.id);
        if (into.has(id)) repeated.push(`${kind}/${id} came twice`);
        into.set(id, row);
      }
    }
    for (const row of page.changes.settings as Row[]) settings = row;
  }
  return { rows, settings, repeated };
}

/** What the household's devices stored, in each device's order. */
export function expectationOf(devices: readonly SoakDevice[]): Expectation {
  const e = new Expectation();
  for (const d of devices) e.apply(d.steps.slice(0, d.done).flatMap((s) => s.bodies));
  return e;
}

export function checkAccount(
  devices: readonly SoakDevice[],
  server: ServerCopy,
  into: Findings,
): void {
  compare(expectationOf(devices), server, into);
}

export async function checkDevice(d: SoakDevice, server: ServerCopy): Promise<DeviceFindings> {
  const name = d.spec.name;
  const out: DeviceFindings = {
    diverged: [],
    cursorRegressions: [],
    lost: [],
    duplicated: [],
    refused: [...d.refusals],
    resets: d.resets,
  };
  // Its copy equals the server's, for the kinds it pulls.
  const copy = await d.copy();
  for (const kind of ENTITY_KINDS) {
    if (d.kinds && !d.kinds.includes(kind)) continue;
    const theirs = server.rows.get(kind) as Map<string, Row>;
    const mine = copy[kind];
    for (const [id, row] of theirs) {
      if (!(id in mine)) out.diverged.push(`${name} lacks ${kind}/${id}`);
      else if (!isDeepStrictEqual(mine[id], row))
        out.diverged.push(`${name} holds another ${kind}/${id}`);
    }
    for (const id of Object.keys(mine)) {
      if (!theirs.has(id)) out.diverged.push(`${name} still holds ${kind}/${id}`);
    }
  }
  if (!isDeepStrictEqual(copy.settings, server.settings))
    out.diverged.push(`${name} holds other settings`);

  // Every stored mutation took exactly one seq (a locally refused one keeps its seq through a
  // stand-in) and got exactly one ack.
  const stored = d.steps.slice(0, d.done).reduce((n, s) => n + s.bodies.length, 0);
  const state = await d.outbox();
  if (state.items.length > 0)
    out.lost.push(`${name}: ${state.items.length} mutations still queued`);
  if (d.lastSeq === null) out.lost.push(`${name}: never finished a pull`);
  else if (d.lastSeq < stored)
    out.lost.push(`${name}: server last_seq ${d.lastSeq} < ${stored} stored`);
  else if (d.lastSeq > stored)
    out.duplicated.push(`${name}: server last_seq ${d.lastSeq} > ${stored} stored`);
  if (state.nextId - 1 !== stored)
    out.lost.push(`${name}: outbox gave ${state.nextId - 1} ids for ${stored} mutations`);
  for (let id = 1; id < state.nextId; id++) {
    const acks = d.acks.get(id) ?? [];
    if (acks.length === 0) out.lost.push(`${name}: mutation #${id} never acknowledged`);
    if (acks.length > 1)
      out.duplicated.push(`${name}: mutation #${id} acknowledged ${acks.join(", ")}`);
  }

  // No cursor it stored went backwards (a reset's null aside, which is counted on its own).
  const last = new Map<string, { epoch: string; version: number }>();
  for (const rec of d.disk.cursors) {
    if (rec.cursor === null) {
      last.delete(rec.key);
      continue;
    }
    const c = decodeCursor(rec.cursor);
    if (c === null) {
      out.cursorRegressions.push(`${name} stored an unreadable cursor ${rec.cursor}`);
      continue;
    }
    const before = last.get(rec.key);
    if (before && (before.epoch !== c.epoch || c.version < before.version)) {
      out.cursorRegressions.push(
        `${name} ${rec.key}: ${before.epoch}/${before.version} → ${c.epoch}/${c.version}`,
      );
    }
    last.set(rec.key, c);
  }
  return out;
}

// A sync server in memory for the client's tests, built on the production rules: the zod push
// schema and limits, checkSeqs/applyPush of shared/src/sync, the cursor codec. It logs every
// mutation it consumes under a new seq, so tests can count applications exactly.
import { MAX_PUSH_BYTES, MAX_PUSH_MUTATIONS, PushRequest } from "../../schemas/sync.ts";
import { cursorCovers, decodeCursor, encodeCursor } from "../../sync/cursor.ts";
import { SYNC_KINDS, type SyncKind } from "../../sync/kinds.ts";
import { applyPush, checkSeqs, type Snapshot } from "../../sync/pushRules.ts";
import type { SyncTransport, TransportRequest, TransportResponse } from "../ports.ts";
import { utf8Length } from "../pushChunks.ts";

export type Consumed = { device: string; seq: number; op: string; args: Record<string, unknown> };

const json = (
  status: number,
  body: unknown,
  headers?: Record<string, string>,
): TransportResponse => (headers ? { status, body, headers } : { status, body });
const fail = (status: number, error: string, message: string, extra: object = {}) =>
  json(status, { error, message, ...extra });

function queryOf(path: string): { get(key: string): string | null } {
  const q = new Map<string, string>();
  for (const part of (path.split("?")[1] ?? "").split("&")) {
    const [k, v = ""] = part.split("=");
    if (k) q.set(decodeURIComponent(k), decodeURIComponent(v));
  }
  return { get: (k) => q.get(k) ?? null };
}

export class FakeSyncServer {
  snap: Snapshot = {
    sessions: new Map(),
    sets: new Map(),
    plans: new Map(),
    runs: new Map(),
    assessments: new Map(),
    settings: null,
    tombstones: new Set(),
  };
  version = 0;
  epoch = "e1";
  readonly devices = new Map<string, { lastSeq: number; revoked: boolean }>();
  /** Every mutation consumed under a new seq, in order. */
  readonly consumed: Consumed[] = [];
  /** Every request, for tests that count them. */
  readonly requests: { device: string; req: TransportRequest }[] = [];

  transport(device: string): SyncTransport {
    if (!this.devices.has(device)) this.devices.set(device, { lastSeq: 0, revoked: false });
    return { request: async (req) => this.handle(device, req) };
  }

  /** A database restored from a backup: new epoch, the device forgets its seqs. */
  restore(): void {
    this.epoch = `e${Number(this.epoch.slice(1)) + 1}`;
    for (const d of this.devices.values()) d.lastSeq = 0;
  }

  handle(device: string, req: TransportRequest): TransportResponse {
    this.requests.push({ device, req });
    const dev = this.devices.get(device);
    if (!dev || dev.revoked) return fail(401, "unauthorized", "This device has been revoked.");
    if (req.method === "POST" && req.path === "/sync/push")
      return this.push(device, dev, req.body ?? "");
    if (req.method === "GET" && req.path.startsWith("/sync/pull"))
      return this.pull(device, dev, req.path);
    return fail(404, "not_found", "No such route.");
  }

  private push(device: string, dev: { lastSeq: number }, text: string): TransportResponse {
    if (utf8Length(text) > MAX_PUSH_BYTES) return fail(413, "too_large", "The body is too large.");
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return fail(400, "invalid_body", "The body is not JSON.", { issues: [] });
    }
    const parsed = PushRequest.safeParse(raw);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({
        path: i.path.join("."),
        message: i.message,
      }));
      return fail(400, "invalid_body", `The push is malformed: ${issues[0]?.path}`, { issues });
    }
    const mutations = parsed.data.mutations;
    if (mutations.length > MAX_PUSH_MUTATIONS) return fail(413, "too_large", "Too many mutations.");
    const seqs = checkSeqs(dev.lastSeq, mutations);
    if (seqs.kind === "gap") {
      return fail(409, "seq_gap", `Expected seq ${seqs.expected} next.`, {
        expected: seqs.expected,
      });
    }
    for (const m of mutations) if (m.seq > dev.lastSeq) this.consumed.push({ device, ...m });
    const out = applyPush(this.snap, dev.lastSeq, mutations, this.version + 1, {
      units: "metric",
      rest_s_default: 60,
    });
    dev.lastSeq = out.lastSeq;
    if (out.changed) this.version += 1;
    const cursor = encodeCursor({ epoch: this.epoch, version: this.version });
    return json(200, { acks: out.acks, last_seq: dev.lastSeq, cursor, device_id: device });
  }

  private pull(device: string, dev: { lastSeq: number }, path: string): TransportResponse {
    const q = queryOf(path);
    const limit = Number(q.get("limit") ?? 500);
    const kindsText = q.get("kinds");
    const kinds = kindsText ? (kindsText.split(",") as SyncKind[]) : [...SYNC_KINDS];
    const filtered = kinds.length < SYNC_KINDS.length;
    const cursorText = q.get("cursor");
    let since = 0;
    if (cursorText !== null) {
      const c = decodeCursor(cursorText);
      const issues = [{ path: "cursor", message: "unrecognised cursor" }];
      if (!c || !cursorCovers(c, kinds))
        return fail(400, "invalid_query", "Bad cursor.", { issues });
      if (c.epoch !== this.epoch || c.version > this.version) return json(200, { reset: true });
      since = c.version;
    }
    const fresh = cursorText === null;
    type Tagged = { kind: SyncKind; row: { version: number; deleted: boolean } };
    const rows: Tagged[] = [];
    for (const kind of kinds) {
      if (kind === "settings") continue;
      for (const row of this.snap[kind].values()) {
        if (row.version > since && !(fresh && row.deleted)) rows.push({ kind, row });
      }
    }
    rows.sort((a, b) => a.row.version - b.row.version);
    let through = this.version;
    let page = rows;
    if (rows.length > limit) {
      const boundary = (rows[limit] as Tagged).row.version;
      through = (rows[0] as Tagged).row.version === boundary ? boundary : boundary - 1;
      page = rows.filter((t) => t.row.version <= through);
    }
    const changes: Record<SyncKind, unknown[]> = {
      plans: [],
      sessions: [],
      sets: [],
      runs: [],
      assessments: [],
      settings: [],
    };
    for (const { kind, row } of page) changes[kind].push(JSON.parse(JSON.stringify(row)));
    const s = this.snap.settings;
    if (kinds.includes("settings") && s && s.version > since && s.version <= through) {
      changes.settings.push({ ...s });
    }
    return json(200, {
      changes,
      cursor: encodeCursor({ epoch: this.epoch, version: through, ...(filtered ? { kinds } : {}) }),
      has_more: through < this.version,
      last_seq: dev.lastSeq,
      device_id: device,
    });
  }
}

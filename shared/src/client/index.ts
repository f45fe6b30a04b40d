// The client side of sync protocol v1, written once for every device (web view, phone relay,
// watch through its link). Pure TypeScript: no zod at run time, no platform.
//
// Design:
// - Ports: storage (KeyValueStore), clock, random, scheduler, transport (HTTP-like request, plus
//   an optional link-back signal) and a Lock come from the shell; nothing here touches a global.
// - Outbox: one stored value holds the queue, the next seq and a local id per item. Every change
//   is one read-change-write under the `<key>:state` lock, so a mutation is stored before any
//   request carries it and survives reloads, crashes and other tabs.
// - Seqs, once sent, never name another mutation: a delayed or duplicated request can then only
//   ever be acknowledged `duplicate`. So a mutation the client refuses (a 400 narrowed down to it
//   by bisection and confirmed by an empty push the server accepts, or one larger than a push may
//   be) keeps its seq with a harmless stand-in that the server rejects. The numbering moves only
//   when the server says it is behind (409 seq_gap: items from `expected` on were never applied
//   and move down to follow on from it; items below it are durable on the server's word, yet
//   keep their seqs and are resent for a `duplicate` ack rather than dropped, so a wrong
//   `expected` costs a round trip, never a mutation), and when a numbering made without the
//   server's word (fresh store, another device) is tied to the device by an empty push first.
// - A 413 for a chunk halves it; a 413 for one mutation within the protocol's limits is a fault
//   of the server or a proxy: it waits with backoff, it is never dropped.
// - Acks are applied by seq, matched to the item's local id: every status removes the item;
//   `rejected` and `conflict` are reported (events, `problems()`); a push answer that
//   acknowledges nothing we sent is a server fault, never a reason to drop.
// - Push loop: chunks within 200 mutations and 256 KiB, halves on 413, bisects a 400, stops on
//   401/403; offline, 5xx and 429 retry after backoff with jitter (or Retry-After), at once when
//   the transport says the link is back. One flush at a time per store (`<key>:flush` lock).
// - Pull loop: the cursor (per set of kinds) is saved after the consumer stored each page;
//   `reset` pushes the outbox first, drops the consumer's copy, then pulls from scratch; a
//   cursor that does not move or too many pages stop the loop rather than spin.
// - Shells: the web view gives localStorage as the KeyValueStore, Web Locks as the Lock, fetch
//   with its cookie as the transport (`online` as link-back) and maps `on("conflict")` to its
//   page events; the phone relay its settings store and HttpClient with the Bearer token (and
//   `pull.kinds` plans + settings), and pushes the watch's sets too; the watch keeps only the
//   Outbox (an OutboxCodec for its compact encoding) and hands its items to the phone.
export { Backoff, type BackoffOptions } from "./backoff.ts";
export type { Listener, SyncEvents } from "./events.ts";
export { MemoryKeyValueStore } from "./memoryStore.ts";
export {
  DEFAULT_OUTBOX_KEY,
  jsonCodec,
  Outbox,
  type OutboxCodec,
  type OutboxOptions,
  type QueuedMutation,
} from "./outbox.ts";
export {
  asState,
  FILLER,
  MAX_PROBLEMS_KEPT,
  type OutboxItem,
  type OutboxState,
  type Problem,
} from "./outboxState.ts";
export * from "./ports.ts";
export * from "./protocol.ts";
export {
  type PullConsumer,
  PullLoop,
  type PullLoopOptions,
  type PullPageInfo,
  type PullReport,
} from "./pullLoop.ts";
export { EMPTY_PUSH, takeChunk, utf8Length } from "./pushChunks.ts";
export {
  PushClient,
  type PushClientOptions,
  type PushResult,
  type RetryWork,
} from "./pushClient.ts";
export { type AckEvent, type FlushReport, PushLoop, type PushLoopOptions } from "./pushLoop.ts";
export { isTransient, type StopReason } from "./stopReason.ts";
export { SyncClient, type SyncClientOptions } from "./syncClient.ts";

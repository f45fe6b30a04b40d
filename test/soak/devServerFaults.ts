// Tells the Worker's own 5xx apart from those of `wrangler dev` itself. When a file under
// worker/src changes mid-run (another edit in the working tree), wrangler rebuilds and reloads
// the Worker, and requests caught in that reload are answered by wrangler's dev proxy (a 503
// "Your worker restarted mid-request") or by Miniflare's entry worker (a 500 carrying its own
// stack). Those are the dev server's, not the Worker's; everything else counts against it.
import type { WorkerFault } from "./faultProxy.ts";

const PROXY_RELOAD_MESSAGE = "Your worker restarted mid-request.";
const MINIFLARE_ENTRY = "miniflare/dist/src/workers/core/entry.worker.js";
/** How close to a reload of the same process a Miniflare 500 must be to be blamed on it. */
const NEAR_RELOAD_MS = 15_000;

export type Reload = { url: string; at: number };

export function isDevServerFault(f: WorkerFault, reloads: readonly Reload[]): boolean {
  if (f.status === 503 && f.body.startsWith(PROXY_RELOAD_MESSAGE)) return true;
  const nearReload = reloads.some(
    (r) => r.url === f.upstream && Math.abs(r.at - f.at) <= NEAR_RELOAD_MS,
  );
  return nearReload && f.body.includes(MINIFLARE_ENTRY);
}

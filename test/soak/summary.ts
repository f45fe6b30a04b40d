// The soak's one summary: what ran, what was thrown at it, and what it found.
import type { SoakResult } from "./soak.ts";

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function formatSummary(r: SoakResult): string {
  const f = r.faults;
  const lines = [
    `Chaos soak — seed ${r.config.seed} · ${r.devices} devices in ${r.households} accounts · wall ${seconds(r.wallMs)}`,
    `  mutations ${r.mutations} (steps ${r.steps.done} of ${r.steps.planned}) · requests through the proxy ${r.requests}`,
    `  faults: dropped requests ${f.droppedRequest} · dropped responses ${f.droppedResponse} · duplicated ${f.duplicated} · delayed ${f.delayed} · refused while the Worker was down ${f.workerDown}`,
    `  Worker restarts ${r.restarts.length}: ${r.restarts.map((x) => `${x.signal} (down ${seconds(x.downMs)})`).join(", ")}`,
    `  app crashes ${r.crashes} · pull resets ${r.resets}`,
    `  lost ${r.lost.length} · duplicated ${r.duplicated.length} · deleted yet present ${r.resurrected.length} · other values ${r.mismatched.length} · never logged ${r.unknown.length} · diverged ${r.diverged.length} · cursor regressions ${r.cursorRegressions.length} · refused ${r.refused.length} · Worker 5xx ${r.worker5xx.length}`,
    ...(r.devReloads.reloads + r.devReloads.answers5xx.length > 0
      ? [
          `  note: files under worker/src changed during the run: wrangler dev reloaded the Worker ${r.devReloads.reloads} times and itself answered ${r.devReloads.answers5xx.length} requests caught in a reload with a 5xx (not the Worker's; the clients retried them)`,
          ...r.devReloads.answers5xx.slice(0, 2).map((a) => `    e.g. ${a.split("\n")[0]}`),
        ]
      : []),
    r.problems.length === 0
      ? "  PASS"
      : `  FAIL\n${r.problems.map((p) => `    - ${p}`).join("\n")}`,
  ];
  return lines.join("\n");
}

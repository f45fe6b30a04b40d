// The chaos soak's CI configuration: 6 devices in 2 households log through the fault proxy
// while the Worker is killed 3 times (SIGTERM, SIGKILL, SIGTERM). `npm run soak` is the full
// run (50 devices); `SOAK_SEED=<n>` repeats one.
import { expect, it } from "vitest";
import { runSoak } from "./soak.ts";
import { formatSummary } from "./summary.ts";

const SEED = Number(process.env.SOAK_SEED ?? Math.floor(Math.random() * 2 ** 31));

it("6 devices under dropped, duplicated and delayed requests, app crashes and 3 Worker restarts: nothing lost, duplicated or diverged, no cursor backwards, no Worker 5xx", async () => {
  const result = await runSoak({
    devices: 6,
    sessions: 2,
    seed: SEED,
    workloadSeconds: 24,
    maxSeconds: 85,
    restarts: 3,
    maxPauseSeconds: 3,
  });
  console.log(formatSummary(result));
  expect(result.problems, `seed ${SEED}`).toEqual([]);
  expect(result.lost).toEqual([]);
  expect(result.duplicated).toEqual([]);
  expect(result.diverged).toEqual([]);
  expect(result.cursorRegressions).toEqual([]);
  expect(result.worker5xx).toEqual([]);
  expect(result.restarts.map((r) => r.signal)).toEqual(["SIGTERM", "SIGKILL", "SIGTERM"]);
  const { droppedRequest, droppedResponse, duplicated, workerDown } = result.faults;
  expect(droppedRequest + droppedResponse + duplicated).toBeGreaterThan(0);
  expect(workerDown).toBeGreaterThan(0);
  expect(result.mutations).toBeGreaterThan(50);
}, 150_000);

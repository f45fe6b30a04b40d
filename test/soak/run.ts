// `npm run soak`: the full chaos soak (default 50 devices, 4 Worker restarts), one summary,
// exit code 1 on any loss, duplicate or divergence. Flags or env: --devices / SOAK_DEVICES,
// --sessions / SOAK_SESSIONS, --seed / SOAK_SEED (default random, printed), --workload /
// SOAK_WORKLOAD_S (seconds of logging), --max / SOAK_MAX_S (hard cap), --restarts / SOAK_RESTARTS,
// --pause / SOAK_PAUSE_S (longest outage after a kill, seconds).
import { parseArgs } from "node:util";
import { runSoak } from "./soak.ts";
import { formatSummary } from "./summary.ts";
import { killStartedWorkers } from "./workerProcess.ts";

process.env.WRANGLER_SEND_METRICS = "false";
const { values } = parseArgs({
  options: {
    devices: { type: "string", default: process.env.SOAK_DEVICES ?? "50" },
    sessions: { type: "string", default: process.env.SOAK_SESSIONS ?? "6" },
    seed: { type: "string", default: process.env.SOAK_SEED },
    workload: { type: "string", default: process.env.SOAK_WORKLOAD_S ?? "150" },
    max: { type: "string", default: process.env.SOAK_MAX_S ?? "360" },
    restarts: { type: "string", default: process.env.SOAK_RESTARTS ?? "4" },
    pause: { type: "string", default: process.env.SOAK_PAUSE_S ?? "10" },
  },
});
const config = {
  devices: Number(values.devices),
  sessions: Number(values.sessions),
  seed: values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed),
  workloadSeconds: Number(values.workload),
  maxSeconds: Number(values.max),
  restarts: Number(values.restarts),
  maxPauseSeconds: Number(values.pause),
  log: (line: string) => console.log(`  ${line}`),
};
for (const [k, v] of Object.entries(config)) {
  if (typeof v === "number" && !(Number.isInteger(v) && v >= 0)) {
    console.error(`--${k} must be a whole number, not ${v}`);
    process.exit(2);
  }
}
console.log(`Chaos soak, seed ${config.seed} (repeat with --seed ${config.seed})`);

const stop = (code: number) => {
  killStartedWorkers();
  process.exit(code);
};
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => stop(130));
// Stops by itself even if something hangs: the cap plus a minute for start and clean-up.
setTimeout(
  () => {
    console.error(`The soak did not finish within ${config.maxSeconds + 60} s; stopping.`);
    stop(1);
  },
  (config.maxSeconds + 60) * 1_000,
).unref();

try {
  const result = await runSoak(config);
  console.log(formatSummary(result));
  stop(result.problems.length === 0 ? 0 : 1);
} catch (e) {
  console.error(`The soak could not run: ${(e as Error).stack ?? e}`);
  stop(1);
}

// `npm run sim`: the browser simulator of the watch app (watch-app/sim). Serves a round Zepp
// watch running the real app and pages, and the real phone-side service and settings app, on
// 127.0.0.1, with a same-origin proxy for /api/* to the runstrong Worker (start it with
// `npm start`). Options: --port <n> (default 8790), --server <url> (default http://127.0.0.1:8787).
import { parseArgs } from "node:util";
import { DEFAULT_SERVER, startSimServer } from "../watch-app/sim/server.mjs";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: process.env.SIM_PORT ?? "8790" },
    server: { type: "string", default: process.env.RUNSTRONG_SERVER ?? DEFAULT_SERVER },
  },
});

const sim = await startSimServer({
  port: Number(values.port),
  server: values.server,
  log: (line) => console.log(`  ${line}`),
});
console.log(`
runstrong watch simulator at ${sim.url}/
  round 480 (Balance)   ${sim.url}/?target=r480
  round 466 (Active 2)  ${sim.url}/?target=r466
  square 390×450 (Bip)  ${sim.url}/?target=s390
  another watch         ${sim.url}/?watch=second   (its own storage and phone)
The phone talks to ${values.server} (change it in the phone's settings panel); /api/* is proxied.
Reload the page to pick up source changes. Stop with Ctrl-C.
`);
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    sim.close().finally(() => process.exit(0));
  });
}

// The simulator page: a watch (round 480 by default; ?target=r466|s390) running the real Zepp
// app and pages, a phone running the real side service and settings app, and the controls:
// phone away, kill app, screen off / wrist turn (host/screenOff.ts), clock speed and skips,
// server up/down/replies lost.
// Query: ?watch=<id> (storage prefix, default "default"), ?target=r480|r466|s390,
// ?server=<url> (the phone's server URL when it has none yet).
import { VIBRATOR_SCENES } from "../zos/constants.ts";
import { SimClock } from "./clock.ts";
import { createSimHeartRate } from "./heartRate.ts";
import { SimLink } from "./link.ts";
import { PhoneSettings, SettingsApp, sideFetch } from "./phone.ts";
import { ScreenOff } from "./screenOff.ts";
import type { Options, SimHost } from "./types.ts";
import { ScreenUi } from "./ui.ts";
import { WatchRuntime } from "./watchRuntime.ts";

interface Target {
  shape: "round" | "square";
  width: number;
  height: number;
  name: string;
}

const SERVER_URL_KEY = "runstrong.serverUrl";
const SCENE_NAMES = Object.fromEntries(
  Object.entries(VIBRATOR_SCENES).map(([name, value]) => [
    value,
    name.replace("VIBRATOR_SCENE_", ""),
  ]),
);

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "testid") node.dataset.testid = v;
    else node.setAttribute(k, v);
  }
  node.append(...children);
  return node;
}

async function main(): Promise<void> {
  const query = new URLSearchParams(location.search);
  const state = (await (await fetch("/__sim/state")).json()) as {
    serverMode: string;
    defaultServer: string;
    targets: Record<string, Target>;
  };
  const targetId = query.get("target") ?? "r480";
  const target = state.targets[targetId];
  if (target === undefined) throw new Error(`unknown target ${targetId}`);
  const watchId = query.get("watch") ?? "default";
  const prefix = `rs-sim:${watchId}:`;

  // ---- DOM ----
  const screen = el("div", { class: `screen ${target.shape}`, testid: "watch-screen" });
  screen.style.width = `${target.width}px`;
  screen.style.height = `${target.height}px`;
  const appState = el("span", { testid: "app-state" }, "starting");
  const screenState = el("span", { testid: "screen-state" }, "auto");
  const buzzCount = el("span", { testid: "buzz-count" }, "0");
  const buzzLast = el("span", { testid: "buzz-last" }, "");
  const simTime = el("span", { testid: "sim-time" });
  const killButton = el("button", { type: "button", testid: "kill-app" }, "Kill app");
  const relaunchButton = el(
    "button",
    { type: "button", testid: "open-app", hidden: "" },
    "Open app",
  );
  const away = el("input", { type: "checkbox", testid: "phone-away", id: "phone-away" });
  const speed = el("select", { testid: "clock-speed", id: "clock-speed" });
  for (const n of [1, 2, 5, 10, 30, 60]) speed.append(el("option", { value: String(n) }, `${n}×`));
  const skipSeconds = el("input", {
    type: "number",
    min: "1",
    value: "30",
    testid: "skip-seconds",
    id: "skip-seconds",
  });
  const skipButton = el("button", { type: "button", testid: "skip-time" }, "Skip ahead");
  const hrMode = el("select", { testid: "hr-mode", id: "hr-mode" });
  for (const [value, label] of [
    ["slider", "Heart rate: slider"],
    ["trace", "Heart rate: scripted trace (work, then recovery)"],
    ["absent", "No heart-rate sensor"],
    ["denied", "Heart rate not allowed"],
  ] as const) {
    hrMode.append(el("option", { value }, label));
  }
  const hrSlider = el("input", {
    type: "range",
    min: "40",
    max: "200",
    value: "120",
    testid: "hr-slider",
    id: "hr-slider",
    "aria-label": "Heart rate in bpm",
  });
  const hrShown = el("span", { testid: "hr-shown" }, "off");
  const serverMode = el("select", { testid: "server-mode", id: "server-mode" });
  for (const [value, label] of [
    ["up", "Server up"],
    ["down", "Server down (dead port)"],
    ["lost", "Replies lost (server applies, phone hears nothing)"],
  ] as const) {
    serverMode.append(el("option", { value }, label));
  }
  serverMode.value = state.serverMode;
  const resetButton = el(
    "button",
    { type: "button", testid: "reset-watch" },
    "Reset watch and phone",
  );
  const log = el("ol", { class: "log", testid: "sim-log" });
  const linkCount = el("span", { testid: "link-count" }, "0");
  const settingsPanel = el("div", { class: "settings", testid: "settings-panel" });

  document.body.append(
    el(
      "main",
      {},
      el(
        "section",
        { class: "watch-column" },
        el("h1", {}, `runstrong · ${target.name}`),
        el("div", { class: `bezel ${target.shape}` }, screen),
        el(
          "p",
          { class: "status" },
          "App: ",
          appState,
          " · Screen: ",
          screenState,
          " · Buzzes: ",
          buzzCount,
          " ",
          buzzLast,
        ),
        el("p", { class: "status" }, "Watch clock: ", simTime),
        el(
          "div",
          { class: "controls" },
          killButton,
          relaunchButton,
          el("label", { for: "phone-away" }, away, " Phone away"),
          el("label", { for: "clock-speed" }, "Clock ", speed),
          el("span", {}, skipSeconds, " s ", skipButton),
        ),
        el("div", { class: "controls" }, hrMode, hrSlider, " Sensor: ", hrShown),
      ),
      el(
        "section",
        { class: "phone-column" },
        el("h2", {}, "Phone: runstrong settings (Zepp app)"),
        settingsPanel,
        el("div", { class: "controls" }, el("label", { for: "server-mode" }, serverMode)),
        el("div", { class: "controls" }, resetButton),
        el("h2", {}, "Log (watch ↔ phone messages: ", linkCount, ")"),
        log,
      ),
    ),
  );

  const addLog = (line: string, kind = "info") => {
    const time = new Date().toISOString().slice(11, 19);
    log.prepend(el("li", { class: kind }, `${time} ${line}`));
    while (log.childElementCount > 300) log.lastElementChild?.remove();
  };

  // ---- the simulated watch and phone ----
  const clock = new SimClock(
    (offset) => window.localStorage.setItem(`${prefix}clock-offset`, String(offset)),
    Number(window.localStorage.getItem(`${prefix}clock-offset`) ?? "0") || 0,
  );
  const ui = new ScreenUi(screen);
  let runtime: WatchRuntime;
  const link = new SimLink(
    () => runtime.current,
    (line, kind) => {
      addLog(line, kind);
      linkCount.textContent = String(link.stats.requests);
    },
  );
  let bright: number | null = null;
  let dropWrist = false;
  const showScreen = () => {
    screenState.textContent = bright !== null || dropWrist ? "kept on" : "auto";
  };
  runtime = new WatchRuntime({
    target: targetId,
    ui,
    link,
    resetDisplay: () => {
      bright = null;
      dropWrist = false;
      showScreen();
    },
    log: addLog,
    state: (text) => {
      appState.textContent = text;
      relaunchButton.hidden = text === "running";
      killButton.hidden = text !== "running";
    },
  });
  const screenOff = new ScreenOff({ clock, runtime: () => runtime, screen, log: addLog });
  killButton.after(...screenOff.controls);
  const phoneSettings = new PhoneSettings(`${prefix}phone:`);
  const settingsApp = new SettingsApp(settingsPanel, phoneSettings);
  let service: Options | null = null;
  let buzzes = 0;
  let flash = 0;

  const watchStore = {
    getItem: (key: string, fallback?: unknown) =>
      window.localStorage.getItem(`${prefix}watch:${key}`) ?? (fallback as string | undefined),
    setItem: (key: string, value: unknown) =>
      window.localStorage.setItem(`${prefix}watch:${key}`, String(value)),
    removeItem: (key: string) => window.localStorage.removeItem(`${prefix}watch:${key}`),
    clear: () => {
      for (const key of Object.keys(window.localStorage)) {
        if (key.startsWith(`${prefix}watch:`)) window.localStorage.removeItem(key);
      }
    },
  };

  const host: SimHost = {
    clock,
    watch: {
      App: (o) => runtime.App(o),
      Page: (o) => runtime.Page(o),
      getApp: () => runtime.getApp(),
      setTimeout: (t, ms) => runtime.setTimeout(t, ms),
      clearTimeout: (id) => runtime.clearTimeout(id),
      setInterval: (t, ms) => runtime.setInterval(t, ms),
      clearInterval: (id) => runtime.clearInterval(id),
      messaging: () => link.messaging(),
      log: (line) => addLog(line, "app"),
    },
    ui: {
      createWidget: (type, options) => ui.createWidget(type, options),
      deleteWidget: (w) => ui.deleteWidget(w),
    },
    router: {
      go: (url, mode) => runtime.go(url, mode),
      back: () => runtime.back(),
      exit: () => runtime.exit(),
    },
    storage: watchStore,
    haptics: {
      buzz(scene) {
        buzzes++;
        buzzCount.textContent = String(buzzes);
        buzzLast.textContent = SCENE_NAMES[scene] ?? String(scene);
        addLog(`buzz ${SCENE_NAMES[scene] ?? scene}`, "buzz");
        screen.classList.remove("buzz");
        void screen.offsetWidth;
        screen.classList.add("buzz");
        window.clearTimeout(flash);
        flash = window.setTimeout(() => screen.classList.remove("buzz"), 400);
      },
      stop() {},
    },
    display: {
      brightTime(ms) {
        bright = ms;
        showScreen();
      },
      dropWrist(paused) {
        dropWrist = paused;
        showScreen();
      },
      palm: () => {},
      relaunch: (on) => screenOff.setRelaunch(on),
    },
    alarm: screenOff.api,
    heartRate: createSimHeartRate(clock, { mode: hrMode, slider: hrSlider, shown: hrShown }),
    device: {
      info: () => ({
        width: target.width,
        height: target.height,
        screenShape: target.shape === "round" ? 1 : 0,
        deviceName: target.name,
        deviceSource: 0,
      }),
    },
    phone: {
      settings: phoneSettings,
      fetch: (options) => sideFetch(options, (line) => addLog(line, "phone")),
      register(s) {
        service = s;
        link.attach(s);
        phoneSettings.addListener("change", (change) => s.onSettingsChange?.call(s, change));
        s.onInit?.call(s);
        addLog("phone-side service started", "phone");
      },
      settingsPage: (page) => settingsApp.register(page),
      log: (line) => addLog(line, "phone"),
    },
  };
  globalThis.__sim = host;

  // ---- controls ----
  killButton.addEventListener("click", () => {
    runtime.kill();
    void runtime.launch();
  });
  relaunchButton.addEventListener("click", () => void runtime.launch());
  away.addEventListener("change", () => link.setAway(away.checked));
  speed.addEventListener("change", () => {
    clock.setSpeed(Number(speed.value));
    addLog(`watch clock at ${speed.value}×`);
  });
  skipButton.addEventListener("click", () => {
    const seconds = Math.max(0, Number(skipSeconds.value) || 0);
    clock.skip(seconds * 1000);
    addLog(`watch clock skipped ${seconds} s ahead`);
  });
  serverMode.addEventListener("change", async () => {
    await fetch("/__sim/state", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ serverMode: serverMode.value }),
    });
    serverMode.dataset.applied = serverMode.value;
    addLog(`server: ${serverMode.value}`, "phone");
  });
  serverMode.dataset.applied = serverMode.value;
  resetButton.addEventListener("click", () => {
    runtime.kill();
    for (const key of Object.keys(window.localStorage)) {
      if (key.startsWith(prefix)) window.localStorage.removeItem(key);
    }
    location.reload();
  });
  const showTime = () => {
    simTime.textContent = `${new Date(clock.now()).toISOString().slice(0, 19).replace("T", " ")} UTC (${clock.speed}×)`;
  };
  showTime();
  window.setInterval(showTime, 250);

  // ---- boot: the phone first (its settings app and side service), then the watch app ----
  const seed = query.get("server") ?? state.defaultServer;
  if (phoneSettings.getItem(SERVER_URL_KEY) === undefined)
    phoneSettings.setItem(SERVER_URL_KEY, seed);
  // Variables, not literals: these load at run time from the simulator server.
  const bundles = ["/b/setting.js", "/b/app-side.js"];
  for (const bundle of bundles) await import(/* @vite-ignore */ bundle);
  if (service === null) addLog("the phone-side bundle registered no service", "error");
  await runtime.launch();
  document.body.dataset.ready = "true";
}

main().catch((error) => {
  document.body.dataset.ready = "error";
  document.body.prepend(`Simulator failed to start: ${String(error?.stack ?? error)}`);
  console.error(error);
});

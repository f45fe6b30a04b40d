// Public API of the platform-free watch core: watch/ (session controller, screen models, sync
// through the phone on the shared client), phone/ (relay, pairing, plan copy), link/ (the watch ↔
// phone protocol). Runs unchanged on Zepp OS, Fitbit, the browser simulator and Node.
//
// How a shell uses it
//
// Watch side (device app page):
//   const app = WatchApp.open({ store, haptics, screen, clock, link, deviceName, onChange });
//     store: LocalStore  (Zepp `localStorage`; normalise `undefined` to null is optional)
//     link:  PhoneLink      (ZML `this.request({ method: "rs", params: message })` → reply string;
//                            reject on timeout / phone away)
//     maxMessageBytes: 3000 for ZML (default), ~1000 for Fitbit's peerSocket.
//   render(app.screen())        — a WatchScreen: plain data, `kind` picks the layout
//   app.act(button.action)      — every button in a screen model carries its WatchAction
//   app.tick()                  — every ~250 ms in a session, every few seconds otherwise
//   onChange()                  — a phone reply arrived: render again
//
// Phone side (Zepp side service / Fitbit companion):
//   const relay = await PhoneRelay.open({ http, settings, scheduler, clock, platform: "zepp" });
//     http: HttpClient (wraps fetch), settings: SettingsStore (settingsStorage),
//     scheduler: Scheduler (setTimeout), clock: Clock.
//   onRequest(req, res) { relay.handle(req.params).then((reply) => res(null, reply)); }
//   Settings page: relay.setServerUrl(url), relay.unpair(), relay.pairing.view().

export {
  HEART_RATE_REST_NOTE,
  NO_BACKGROUND_BUZZ_NOTE,
  type RestEndRecord,
  restEndKey,
  SessionDriver,
  type SessionPlan,
  type StartResult,
} from "@runstrong/shared/sessionDriver";
export { isoWeekday, type TodayPlan } from "./link/todayPlan.ts";
export {
  DEFAULT_MAX_MESSAGE_BYTES,
  decodePhoneReply,
  decodeWatchRequest,
  encodePhoneReply,
  encodeWatchRequest,
  type PairingView,
  type PhoneReply,
  WATCH_LINK_VERSION,
  type WatchRequest,
} from "./link/watchLink.ts";
export { PhoneRelay, type PhoneRelayDeps } from "./phone/phoneRelay.ts";
export { DEFAULT_SERVER_URL } from "./phone/serverApi.ts";
export type {
  Clock,
  HapticKind,
  Haptics,
  HttpClient,
  HttpRequest,
  HttpResponse,
  LocalStore,
  PhoneLink,
  RandomSource,
  RestAlarm,
  Scheduler,
  ScreenKeeper,
  ScreenMode,
  SettingsStore,
} from "./ports.ts";
export { BUILTIN_CUES, BUILTIN_ROUTINES, type BuiltinRoutine } from "./watch/builtinRoutines.ts";
export {
  DEFAULT_OUTBOX_MAX_BYTES,
  HandOffQueue,
  OUTBOX_KEY,
  type OutboxUsage,
  storedMutations,
} from "./watch/handOffQueue.ts";
export type {
  ActionButton,
  HoldScreen,
  HomeEntry,
  HomeScreen,
  IntroScreen,
  PairingScreen,
  PausedScreen,
  RepsScreen,
  RestScreen,
  SummaryScreen,
  SwitchSideScreen,
  WatchAction,
  WatchScreen,
} from "./watch/screens.ts";
export { WatchApp, type WatchAppPorts } from "./watch/watchApp.ts";
export { type RejectedMutation, type SyncStatus, WatchSync } from "./watch/watchSync.ts";

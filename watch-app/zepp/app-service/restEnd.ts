// The rest-end App Service, started by the alarm adapters/device/restAlarm.ts sets (Single
// Execution: the system allows it about 600 ms, no UI, no timers). It reads the session's
// rest-end record, buzzes once if that rest has not buzzed yet, and marks it buzzed, so the app,
// relaunched when the wrist turns, does not buzz the same rest again. It imports nothing of the
// core to stay tiny (the record's shape is RestEndRecord in shared/src/sessionDriver).
import { VIBRATOR_SCENE_DURATION, Vibrator } from "@zos/sensor";
import { localStorage } from "@zos/storage";

/** restEndKey(DEFAULT_SESSION_KEY) in the core. */
const KEY = "runstrong.session.restEnd";
/** An alarm fires on whole seconds: never buzz a rest that still has more than this to run. */
const EARLY_MS = 2000;

AppService({
  onInit(sessionId) {
    const storage = localStorage as unknown as {
      getItem(key: string): unknown;
      setItem(key: string, value: string): void;
    };
    let record: { s?: unknown; at?: unknown; b?: unknown } | null = null;
    try {
      record = JSON.parse(String(storage.getItem(KEY)));
    } catch {
      return;
    }
    if (record === null || typeof record.at !== "number" || record.b !== undefined) return;
    if ((sessionId && record.s !== sessionId) || Date.now() < record.at - EARLY_MS) return;
    const motor = new Vibrator();
    // Some watches ignore a mode passed to start() in the background; setMode first is honoured.
    motor.setMode({ mode: VIBRATOR_SCENE_DURATION });
    motor.start();
    record.b = Date.now();
    storage.setItem(KEY, JSON.stringify(record));
  },
});

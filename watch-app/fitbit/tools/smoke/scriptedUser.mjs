// What the scripted user does on the watch: waiting on the fake clock, and driving a session on
// screen to its summary.
import { check, SmokeError } from "./sandbox.mjs";

const DAY_MS = 86_400_000;

// ---- the script ----

/** Advances the clock a second at a time until `condition()` holds, at most `maxMs`. */
export async function waitFor(loop, condition, maxMs, what) {
  for (let waited = 0; !condition(); waited += 1000) {
    check(waited < maxMs, `${what} within ${Math.round(maxMs / 1000)} s`);
    await loop.advance(1000);
  }
}

export function isoWeekday(ms) {
  const offset = -new Date(ms).getTimezoneOffset();
  const days = Math.floor((ms + offset * 60_000) / DAY_MS);
  return ((((days + 3) % 7) + 7) % 7) + 1;
}

/** Drives the session on screen to its summary the way a user would. */
export async function runSession(watch, loop, passed) {
  const { dom } = watch;
  const seen = new Set();
  for (let step = 0; step < 600; step++) {
    const group = dom.screen();
    seen.add(group);
    switch (group) {
      case "intro":
        check(dom.text("intro-title") !== "", "the intro names the exercise");
        dom.tap("intro-start");
        break;
      case "reps": {
        const count = Number(dom.text("reps-count"));
        if (count === 0 && !seen.has("menu-checked")) {
          // The menu opens from its button and from the back button, and closes again.
          dom.tap("reps-menu");
          check(dom.visible("menu") && dom.visible("menu-0"), "the menu opens");
          check(dom.text("menu-0-label") === "Pause", "the menu offers Pause first");
          dom.tap("menu-back");
          check(!dom.visible("menu"), "the menu closes");
          const e = dom.key("back");
          check(e.defaultPrevented && dom.visible("menu"), "back opens the menu mid-set");
          dom.key("back");
          check(!dom.visible("menu"), "back closes the menu");
          seen.add("menu-checked");
          passed.push("session menu: button and back key open it, Back and back key close it");
        }
        if (count < 3) dom.tap("reps-tap");
        else dom.tap("reps-done");
        break;
      }
      case "hold":
        await loop.advance(1000);
        break;
      case "rest":
        if (dom.text("rest-count") === "") await loop.advance(1000);
        else dom.tap("rest-skip");
        break;
      case "switch":
        dom.tap("switch-confirm");
        break;
      case "summary":
        return seen;
      default:
        throw new SmokeError(`unexpected screen ${group} during a session`);
    }
    await loop.settle();
  }
  throw new SmokeError("the session did not reach its summary");
}

/**
 * Runs the scenario; resolves with the checks that passed, rejects with the first that failed.
 * `parseEs5(code)` must throw on anything beyond ECMAScript 5.1 syntax.
 */

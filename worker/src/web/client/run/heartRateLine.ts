// The runner's heart-rate line: the strap's reading with its zone during a session, the button
// that connects a strap (on the chooser and the session screen), and in a rest that ends on heart
// rate, the threshold. Words match the watch's: bpm, "Zone 3 · Moderate", "ready below".
import { hrZone } from "@runstrong/shared/heartRate";
import type { HeartRateTracker, SessionHeartRate } from "@runstrong/shared/sessionDriver";
import { zoneText } from "../../pages/heartRateWords.ts";
import { byId } from "../lib/dom.ts";
import type { HeartRateStrap } from "./heartRateStrap.ts";

function show(id: string, on: boolean): HTMLElement | null {
  const found = byId(id);
  if (found) found.hidden = !on;
  return found;
}

/** The chooser's strap line: the connect button, or which strap is connected. */
export function renderStrapChoice(strap: HeartRateStrap): void {
  if (!show("run-strap", strap.state !== "unsupported")) return;
  const status = byId("run-strap-status");
  if (status) {
    status.textContent =
      strap.problem ??
      (strap.state === "connected"
        ? `${strap.name} connected: heart rate goes on every set.`
        : strap.state === "connecting"
          ? "Connecting…"
          : strap.state === "lost"
            ? `${strap.name} is out of reach.`
            : "");
  }
  for (const button of document.querySelectorAll<HTMLButtonElement>("[data-hr-connect]")) {
    button.hidden = strap.state === "connected" || strap.state === "connecting";
    button.textContent =
      strap.state === "lost" ? "Reconnect heart-rate strap" : "Connect heart-rate strap";
  }
}

/** The session screen's line, for the screen on show (`rest` adds the threshold). */
export function renderHeartRateLine(
  strap: HeartRateStrap,
  tracker: HeartRateTracker,
  settings: SessionHeartRate,
  screen: string,
): void {
  if (!show("run-hr", strap.state !== "unsupported")) return;
  const bpm = tracker.bpm();
  const text = byId("run-hr-bpm");
  if (text) {
    text.textContent =
      bpm !== null
        ? `${bpm} bpm`
        : strap.state === "connected"
          ? "Waiting for the strap…"
          : strap.state === "lost"
            ? "Strap out of reach"
            : "";
  }
  const chip = show("run-hr-zone", bpm !== null && settings.maxBpm !== undefined);
  if (chip && bpm !== null && settings.maxBpm !== undefined) {
    const zone = hrZone(bpm, settings.maxBpm);
    chip.className = `hr-zone hr-zone-${zone}`;
    chip.textContent = zoneText(zone);
  }
  const ready = settings.restReadyBpm;
  const rest = show("run-hr-rest", screen === "rest" && ready !== undefined && bpm !== null);
  if (rest && ready !== undefined) {
    rest.textContent = `Ready below ${ready} bpm, or when the time runs out.`;
  }
}

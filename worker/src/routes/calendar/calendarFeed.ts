// The iCal feed of a runner's active plan: each planned strength session (shared/plans) as an
// event at 07:00 in the runner's time zone, lasting the estimated minutes, described in the
// plan page's words. Times are written in UTC, computed per date, so DST is right everywhere.
import { type PlannedSession, plannedSessions } from "@runstrong/shared/plans";
import type { PlanBody } from "@runstrong/shared/schemas";
import { localDate, type Units, weight, zoneOffsetMs } from "../../web/format.ts";
import { doseText, itemName, minutesText, restText } from "../../web/pages/planWords.ts";
import { type CalendarEvent, writeCalendar } from "./icalWriter.ts";

/** When a session is put in the calendar: the runner moves it in their app if they like. */
export const SESSION_START_LOCAL = { hour: 7, minute: 0 };
export const FEED_NAME = "runstrong strength sessions";
export const FEED_PRODID = "-//runstrong//Strength plan feed//EN";
/** Calendar apps are asked to poll every few hours (Google decides for itself anyway). */
const REFRESH_HOURS = 6;

/** The instant a wall-clock time on `date` happens in zone `tz` (the later one in a DST gap). */
export function localTimeMs(date: string, hour: number, minute: number, tz: string): number {
  const pad = (n: number) => String(n).padStart(2, "0");
  const asUtc = Date.parse(`${date}T${pad(hour)}:${pad(minute)}:00Z`);
  const first = asUtc - zoneOffsetMs(asUtc, tz);
  // Once more at the result, in case the offset changed in between (a DST day).
  return asUtc - zoneOffsetMs(first, tz);
}

export function sessionSummary(s: Pick<PlannedSession, "title">): string {
  return s.title ? `Strength: ${s.title}` : "Strength session";
}

/** What the session holds, one exercise a line, then where to start it. */
export function sessionDescription(
  s: PlannedSession,
  plan: PlanBody,
  units: Units,
  runUrl: string,
): string {
  const head = [plan.start_date ? `Week ${s.week}` : "", minutesText(s.minutes)]
    .filter(Boolean)
    .join(" · ");
  const phase = s.taper
    ? "Race taper: half the sets, so you arrive fresh."
    : s.deload
      ? "Lighter week: one set fewer, so your body absorbs the work."
      : "";
  const items = s.items.map((it) =>
    [
      `${itemName(it)}: ${doseText(it)}`,
      it.weight_kg ? weight(it.weight_kg, units) : "",
      restText(it),
    ]
      .filter(Boolean)
      .join(" · "),
  );
  return [head, phase, "", ...items, "", `Start it on your watch or at ${runUrl}`]
    .filter((line, i, all) => line !== "" || (i > 0 && all[i - 1] !== ""))
    .join("\n");
}

export type FeedInput = {
  plan: { id: string; body: PlanBody } | null;
  timeZone: string;
  units: Units;
  origin: string;
  now: number;
};

export function sessionEvents(input: FeedInput): CalendarEvent[] {
  const { plan, timeZone, units, origin } = input;
  if (plan === null) return [];
  const today = localDate(input.now, timeZone);
  return plannedSessions(plan.id, plan.body, today).map((s) => {
    const startMs = localTimeMs(
      s.date,
      SESSION_START_LOCAL.hour,
      SESSION_START_LOCAL.minute,
      timeZone,
    );
    const runUrl = `${origin}/run?date=${s.date}`;
    return {
      uid: s.uid,
      startMs,
      endMs: startMs + s.minutes * 60_000,
      summary: sessionSummary(s),
      description: sessionDescription(s, plan.body, units, runUrl),
      url: runUrl,
    };
  });
}

/** The whole feed; without an active plan a valid calendar with no events. */
export function calendarFeed(input: FeedInput): string {
  return writeCalendar({
    prodId: FEED_PRODID,
    name: FEED_NAME,
    stampMs: input.now,
    refreshHours: REFRESH_HOURS,
    events: sessionEvents(input),
  });
}

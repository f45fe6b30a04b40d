// Heart rate in the web view: a set's average / highest and the session's average, each with
// its zone as coloured chip and name; and the account's "Heart rate" settings (max HR or year
// of birth, and the heart rate that ends a rest), saved with settings.put by
// client/lib/heartRateSettings.ts.
import {
  hrZone,
  type MaxHeartRate,
  maxHeartRate,
  REST_HR_READY_MAX,
  REST_HR_READY_MIN,
  zoneRanges,
} from "@runstrong/shared/heartRate";
import { Field } from "../components.tsx";
import { localDate } from "../format.ts";
import type { Viewer } from "../viewer.ts";
import { maxHrSentence, zoneRangeText, zoneText } from "./heartRateWords.ts";

/** The runner's current year, in their own zone (ages count from it). */
export function viewerYear(v: Viewer): number {
  return Number(localDate(v.now, v.tz).slice(0, 4));
}

/** The max heart rate this viewer's zones use, or null when neither setting is there. */
export function viewerMaxHr(v: Viewer): MaxHeartRate | null {
  return maxHeartRate(v.hrProfile, viewerYear(v));
}

/** A zone as a chip: the colour is a cue, the name is the information. */
function ZoneChip(props: { hr: number; max: MaxHeartRate }) {
  const zone = hrZone(props.hr, props.max.bpm);
  return <span class={`hr-zone hr-zone-${zone}`}>{zoneText(zone)}</span>;
}

/** A set's heart rate cell: "131 / 152 bpm" (average / highest) and the average's zone. */
export function SetHeartRate(props: {
  avg: number | null;
  peak: number | null;
  max: MaxHeartRate | null;
}) {
  const { avg, peak, max } = props;
  if (avg === null && peak === null) return <span class="muted">–</span>;
  const zoneOf = avg ?? peak;
  return (
    <span class="hr-set">
      <span class="hr-bpm">
        {avg !== null ? <span title="average">{avg}</span> : "–"}
        {" / "}
        {peak !== null ? <span title="highest">{peak}</span> : "–"} bpm
        <span class="sr-only">
          {` (average ${avg ?? "not measured"}, highest ${peak ?? "not measured"})`}
        </span>
      </span>
      {max && zoneOf !== null ? <ZoneChip hr={zoneOf} max={max} /> : null}
    </span>
  );
}

/** The session's average heart rate and its zone, with where the zones come from. */
export function SessionHeartRate(props: {
  avg: number | null;
  anySetHr: boolean;
  max: MaxHeartRate | null;
}) {
  const { avg, max } = props;
  if (avg === null && !props.anySetHr) return null;
  return (
    <section class="card session-hr" aria-labelledby="hr-title">
      <h2 id="hr-title" class="card-title">
        Heart rate
      </h2>
      {avg !== null ? (
        <p class="session-hr-avg">
          Average <strong id="session-hr-avg">{avg} bpm</strong>{" "}
          {max ? <ZoneChip hr={avg} max={max} /> : null}
        </p>
      ) : null}
      <p class="muted small">
        {max ? (
          `${maxHrSentence(max)} Each set shows average / highest; the zone is the average's.`
        ) : (
          <>
            {"Add your max heart rate or your year of birth on the "}
            <a href="/account#heart-rate">account page</a>
            {" to see heart-rate zones."}
          </>
        )}
      </p>
    </section>
  );
}

/**
 * The account page's "Heart rate" card: max HR, or year of birth to estimate it; and the heart
 * rate a rest ends early below (empty: rests go by time only).
 */
export function HeartRateSettings(props: { v: Viewer }) {
  const { v } = props;
  const year = viewerYear(v);
  const max = viewerMaxHr(v);
  const value = (n: number | null | undefined) => (n === null || n === undefined ? "" : String(n));
  return (
    <section class="card narrow" aria-labelledby="heart-rate-title" id="heart-rate">
      <h2 id="heart-rate-title" class="card-title">
        Heart rate
      </h2>
      <p class="muted">
        Your watch and session pages colour heart rate by zone: 50–60 % of your max heart rate is
        zone 1, up to 90–100 % for zone 5. Give your max heart rate if you know it from a test or a
        race; otherwise your year of birth, and it is estimated from your age.
      </p>
      <form id="heart-rate-form" novalidate data-year={String(year)}>
        <Field
          id="max_hr"
          label="Max heart rate (bpm)"
          type="number"
          inputmode="numeric"
          min="100"
          max="230"
          step="1"
          value={value(v.hrProfile.max_hr)}
          hint="From 100 to 230. Leave empty to use your year of birth."
          message="Enter your max heart rate as a whole number from 100 to 230."
        />
        <Field
          id="birth_year"
          label="Year of birth"
          type="number"
          inputmode="numeric"
          min="1900"
          max={String(year)}
          step="1"
          value={value(v.hrProfile.birth_year)}
          hint="Used only when no max heart rate is given."
          message={`Enter the year you were born, from 1900 to ${year}, like 1988.`}
        />
        <p id="hr-summary" class="hr-summary" aria-live="polite">
          {maxHrSentence(max)}
        </p>
        <ZoneLegend max={max} />
        <Field
          id="rest_hr_ready"
          label="End rest early below (bpm)"
          type="number"
          inputmode="numeric"
          min={String(REST_HR_READY_MIN)}
          max={String(REST_HR_READY_MAX)}
          step="1"
          value={value(v.restHrReady)}
          hint={`Rest ends early when your heart rate drops below this; leave empty to rest by time only. From ${REST_HR_READY_MIN} to ${REST_HR_READY_MAX}.`}
          message={`Enter the heart rate that ends a rest as a whole number from ${REST_HR_READY_MIN} to ${REST_HR_READY_MAX}, or leave it empty.`}
        />
        <button type="submit">Save heart rate</button>
        <p class="form-error" role="alert" />
        <p class="form-ok" role="status" />
      </form>
    </section>
  );
}

/** The five zones' bpm ranges for this max heart rate (the page script redraws it on save). */
function ZoneLegend(props: { max: MaxHeartRate | null }) {
  const ranges = props.max ? zoneRanges(props.max.bpm).filter((r) => r.zone > 0) : [];
  return (
    <ul
      class="plain hr-legend"
      id="hr-legend"
      aria-label="Your heart-rate zones"
      hidden={!props.max}
    >
      {ranges.map((r) => (
        <li class="hr-legend-item">
          <span class={`hr-zone hr-zone-${r.zone}`}>{zoneText(r.zone)}</span>{" "}
          <span class="small">{zoneRangeText(r)}</span>
        </li>
      ))}
    </ul>
  );
}

// One session with every set (reps or hold, side, weight, heart rate, target, time), its duration
// and notes; notes and RPE are edited, sets and the session deleted, through the sync push.
import { exerciseById } from "@runstrong/shared/catalog";
import type { MaxHeartRate } from "@runstrong/shared/heartRate";
import { exerciseName } from "../data/plan.ts";
import type { SessionRow, SetRow } from "../data/sessions.ts";
import { dateTime, formatDuration, plural, timeOfDay, toMs, weight } from "../format.ts";
import { sessionTitle } from "../labels.ts";
import type { Viewer } from "../viewer.ts";
import { SessionHeartRate, SetHeartRate, viewerMaxHr } from "./heartRate.tsx";

type Group = { exerciseId: string; sets: SetRow[] };

function groupSets(rows: SetRow[]): Group[] {
  const groups: Group[] = [];
  const index = new Map<string, Group>();
  for (const s of rows) {
    let g = index.get(s.exerciseId);
    if (!g) {
      g = { exerciseId: s.exerciseId, sets: [] };
      index.set(s.exerciseId, g);
      groups.push(g);
    }
    g.sets.push(s);
  }
  return groups;
}

function result(s: SetRow): string {
  if (s.holdS !== null) return formatDuration(s.holdS);
  return s.reps === 1 ? "1 rep" : `${s.reps ?? 0} reps`;
}

function target(s: SetRow): { text: string; met: boolean | null } {
  if (s.targetHoldS !== null) {
    return { text: formatDuration(s.targetHoldS), met: (s.holdS ?? 0) >= s.targetHoldS };
  }
  if (s.targetReps !== null)
    return { text: String(s.targetReps), met: (s.reps ?? 0) >= s.targetReps };
  return { text: "–", met: null };
}

const hasHr = (s: SetRow) => s.hrAvg !== null || s.hrMax !== null;

function SetTable(props: { g: Group; v: Viewer; maxHr: MaxHeartRate | null }) {
  const { g, v } = props;
  const sided = g.sets.some((s) => s.side);
  const weighted = g.sets.some((s) => s.weightKg !== null);
  const withHr = g.sets.some(hasHr);
  const name = exerciseName(g.exerciseId);
  const known = exerciseById(g.exerciseId);
  return (
    <section class="card exercise-block" aria-labelledby={`ex-${g.exerciseId}`}>
      <h2 class="card-title" id={`ex-${g.exerciseId}`}>
        {known ? <a href={`/exercises/${encodeURIComponent(g.exerciseId)}`}>{name}</a> : name}
        <span class="muted small"> · {plural(g.sets.length, "set")}</span>
      </h2>
      <table class="sets">
        <thead>
          <tr>
            <th scope="col">Set</th>
            {sided ? <th scope="col">Side</th> : null}
            <th scope="col">Done</th>
            <th scope="col">Target</th>
            {weighted ? <th scope="col">Weight</th> : null}
            {withHr ? (
              <th scope="col">
                Heart rate<span class="sr-only"> (average / highest)</span>
              </th>
            ) : null}
            <th scope="col" class="col-time">
              Time
            </th>
            <th scope="col">
              <span class="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {g.sets.map((s) => {
            const t = target(s);
            const start = toMs(s.startedAt);
            const end = toMs(s.endedAt);
            return (
              <tr data-set-id={s.id}>
                <td>{s.setIndex + 1}</td>
                {sided ? (
                  <td>{s.side === "left" ? "Left" : s.side === "right" ? "Right" : "–"}</td>
                ) : null}
                <td>
                  <strong>{result(s)}</strong>
                  {s.rpe ? <span class="muted small"> · RPE {s.rpe}</span> : null}
                </td>
                <td class={t.met === true ? "met" : t.met === false ? "missed" : undefined}>
                  {t.text}
                  {t.met === true ? <span class="sr-only"> (met)</span> : null}
                  {t.met === false ? <span class="sr-only"> (not met)</span> : null}
                </td>
                {weighted ? (
                  <td>{s.weightKg !== null ? weight(s.weightKg, v.units) : "–"}</td>
                ) : null}
                {withHr ? (
                  <td class="col-hr">
                    <SetHeartRate avg={s.hrAvg} peak={s.hrMax} max={props.maxHr} />
                  </td>
                ) : null}
                <td class="col-time muted">
                  {start !== null ? timeOfDay(start, v) : "–"}
                  {start !== null && end !== null && end > start ? (
                    <span class="small"> · {formatDuration((end - start) / 1000)}</span>
                  ) : null}
                </td>
                <td>
                  <button
                    type="button"
                    class="icon-button danger"
                    data-delete-set={s.id}
                    data-confirm="Delete?"
                    aria-label={`Delete set ${s.setIndex + 1}${s.side ? ` ${s.side}` : ""} of ${name}`}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

export function SessionDetailPage(props: { v: Viewer; s: SessionRow; sets: SetRow[] }) {
  const { v, s } = props;
  const groups = groupSets(props.sets);
  const maxHr = viewerMaxHr(v);
  return (
    <>
      <p class="crumbs">
        <a href="/history">← History</a>
      </p>
      <div class="page-head">
        <div>
          <p class="eyebrow">
            {s.startedMs !== null ? dateTime(s.startedMs, v) : "Start time unknown"}
          </p>
          <h1>{sessionTitle(s)}</h1>
          {s.deviceName ? <p class="muted">Logged on {s.deviceName}</p> : null}
        </div>
      </div>
      <section class="stats stats-4" aria-label="Session totals">
        <div class="stat">
          <p class="stat-value">{s.durationS ? formatDuration(s.durationS) : "–"}</p>
          <p class="stat-label">duration</p>
        </div>
        <div class="stat">
          <p class="stat-value" id="total-sets">
            {s.sets}
          </p>
          <p class="stat-label">{s.sets === 1 ? "set" : "sets"}</p>
        </div>
        <div class="stat">
          <p class="stat-value">{s.reps}</p>
          <p class="stat-label">reps</p>
        </div>
        <div class="stat">
          <p class="stat-value">{formatDuration(s.holdS)}</p>
          <p class="stat-label">held</p>
        </div>
      </section>

      <SessionHeartRate avg={s.hrAvg} anySetHr={props.sets.some(hasHr)} max={maxHr} />

      {groups.length ? (
        groups.map((g) => <SetTable g={g} v={v} maxHr={maxHr} />)
      ) : (
        <p class="card muted">No sets in this session.</p>
      )}

      <section class="card" aria-labelledby="fit-title" id="fit-export">
        <h2 id="fit-title" class="card-title">
          Garmin Connect and Strava
        </h2>
        <p class="muted">
          Upload this file to Garmin Connect (Import Data) or Strava (Upload activity): third-party
          apps cannot write strength sessions into Garmin Connect directly, but a file you upload
          can.
        </p>
        <a
          class="button secondary"
          id="fit-download"
          href={`/api/v1/sessions/${encodeURIComponent(s.id)}/activity.fit`}
          download
        >
          Download FIT file
        </a>
      </section>

      <section class="card" aria-labelledby="feel-title">
        <h2 id="feel-title" class="card-title">
          How did it feel?
        </h2>
        <form id="session-form" novalidate data-session={s.id} data-ended-at={s.endedAt ?? ""}>
          <div class="field field-narrow">
            <label for="rpe">Effort (RPE)</label>
            <p class="hint" id="rpe-hint">
              1 = very easy, 10 = all-out.
            </p>
            <input
              id="rpe"
              name="rpe"
              type="number"
              inputmode="numeric"
              min="1"
              max="10"
              step="1"
              value={s.rpe === null ? "" : String(s.rpe)}
              aria-describedby="rpe-hint rpe-error"
              data-message="Enter a whole number from 1 to 10."
            />
            <p class="field-error" id="rpe-error" role="alert" />
          </div>
          <div class="field">
            <label for="notes">Notes</label>
            <textarea
              id="notes"
              name="notes"
              rows={4}
              aria-describedby="notes-error"
              data-max-chars="2000"
              placeholder="Legs heavy after yesterday's long run…"
            >
              {s.notes ?? ""}
            </textarea>
            <p class="field-error" id="notes-error" role="alert" />
          </div>
          <div class="actions">
            <button type="submit">Save</button>
          </div>
          <p class="form-error" role="alert" />
          <p class="form-ok" role="status" />
        </form>
      </section>

      <section class="card danger-zone" aria-labelledby="danger-title">
        <h2 id="danger-title" class="card-title">
          Delete this session
        </h2>
        <p class="muted">Removes the session and all its sets here and on your devices.</p>
        <button
          type="button"
          class="danger"
          data-delete-session={s.id}
          data-confirm="Tap again to delete for good"
        >
          Delete session
        </button>
      </section>
    </>
  );
}

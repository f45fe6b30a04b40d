// The runner's two screens, filled in by /static/dist/run.js: the session (phase, exercise, the
// big tap target with its ring, heart rate, actions) and the summary with the feel form.

export function RunnerScreen() {
  // Circumference of the progress ring (r = 52).
  const ring = "326.73";
  return (
    <section id="run-screen" class="runner" hidden aria-labelledby="run-title">
      <div class="run-top">
        <p id="run-progress" class="muted small" />
        <button type="button" id="run-pause" class="ghost small-button">
          Pause
        </button>
      </div>
      <p id="run-phase" class="eyebrow" />
      <h1 id="run-title" class="run-title">
        Ready
      </h1>
      <p class="run-meta">
        <span id="run-set" /> <span id="run-target" class="muted" />{" "}
        <span id="run-side" class="side-badge" hidden />
      </p>
      <p id="run-cue" class="run-cue muted small" />
      <HeartRateLine />
      <button type="button" id="run-big" class="big-tap" aria-describedby="run-big-label">
        <svg class="ring" viewBox="0 0 120 120" aria-hidden="true" focusable="false">
          <circle class="ring-track" cx="60" cy="60" r="52" />
          <circle
            id="run-ring"
            class="ring-fill"
            cx="60"
            cy="60"
            r="52"
            stroke-dasharray={ring}
            stroke-dashoffset={ring}
            transform="rotate(-90 60 60)"
          />
        </svg>
        <span id="run-big-text" class="big-number">
          0
        </span>
        <span id="run-big-label" class="big-label" />
      </button>
      <div class="run-actions">
        <button type="button" id="run-undo" class="secondary">
          Undo
        </button>
        <button type="button" id="run-primary" class="primary-action">
          Set done
        </button>
        <button type="button" id="run-secondary" class="secondary">
          +15 s
        </button>
      </div>
      <p id="run-next" class="muted run-next" />
      <div class="run-bottom">
        <button type="button" id="run-skip" class="ghost">
          Skip exercise
        </button>
        <button
          type="button"
          id="run-finish"
          class="ghost danger"
          data-confirm="Tap again to finish"
        >
          Finish session
        </button>
      </div>
      <p id="run-announce" class="sr-only" role="status" aria-live="polite" />
    </section>
  );
}

/**
 * The heart rate during a session, with its zone, when a strap is connected (or the button that
 * connects one); in a rest that ends on heart rate, the threshold. Hidden without Web Bluetooth.
 */
function HeartRateLine() {
  return (
    <div id="run-hr" class="run-hr" hidden>
      <p class="run-hr-now" role="status" aria-live="off">
        <span id="run-hr-bpm" class="run-hr-bpm" /> <span id="run-hr-zone" class="hr-zone" hidden />
        <button type="button" class="ghost small-button" data-hr-connect hidden>
          Connect heart-rate strap
        </button>
      </p>
      <p id="run-hr-rest" class="muted small" hidden />
    </div>
  );
}

export function SummaryScreen() {
  return (
    <section id="run-summary" class="run-summary" hidden aria-labelledby="sum-title">
      <p class="eyebrow">Session complete</p>
      <h1 id="sum-title">Well done!</h1>
      <section class="stats stats-4" aria-label="Session totals">
        <div class="stat">
          <p class="stat-value" id="sum-duration">
            0:00
          </p>
          <p class="stat-label">duration</p>
        </div>
        <div class="stat">
          <p class="stat-value" id="sum-sets">
            0
          </p>
          <p class="stat-label">sets</p>
        </div>
        <div class="stat">
          <p class="stat-value" id="sum-reps">
            0
          </p>
          <p class="stat-label">reps</p>
        </div>
        <div class="stat">
          <p class="stat-value" id="sum-hold">
            0 s
          </p>
          <p class="stat-label">held</p>
        </div>
      </section>
      <p id="sum-sync" class="muted" role="status" />
      <form id="run-feel-form" class="card" novalidate>
        <h2 class="card-title">How did it feel?</h2>
        <fieldset class="rpe-scale">
          <legend>Effort (RPE), 1 = very easy, 10 = all-out</legend>
          <div class="rpe-options">
            {Array.from({ length: 10 }, (_, i) => (
              <label class="rpe-option">
                <input type="radio" name="rpe" value={String(i + 1)} />
                <span>{i + 1}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <div class="field">
          <label for="run-notes">Notes</label>
          <textarea
            id="run-notes"
            name="notes"
            rows={3}
            data-max-chars="2000"
            aria-describedby="run-notes-error"
          />
          <p class="field-error" id="run-notes-error" role="alert" />
        </div>
        <div class="actions">
          <button type="submit">Save</button>
          <a id="sum-history" class="button secondary" href="/history">
            See it in history
          </a>
        </div>
        <p class="form-error" role="alert" />
        <p class="form-ok" role="status" />
      </form>
      <button type="button" id="run-new" class="ghost">
        Start another session
      </button>
    </section>
  );
}

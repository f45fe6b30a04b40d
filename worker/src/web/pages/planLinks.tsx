// The plan page's "Calendar and sharing" card: the runner's secret iCal feed URL (copy it, or
// replace it after a confirm) and the active plan's read-only link (create, copy, stop sharing).
// Both states of the share link are rendered; the page script shows the one that holds.

export type PlanLinksData = {
  calendarUrl: string;
  planId: string;
  planName: string;
  /** The active plan's link, or null when it is not shared. */
  shareUrl: string | null;
};

function CopyRow(props: { id: string; value: string; describedBy: string; children?: unknown }) {
  return (
    <div class="link-row">
      <input
        id={props.id}
        class="link-value"
        type="url"
        readonly
        value={props.value}
        aria-describedby={props.describedBy}
        spellcheck={false}
      />
      <button type="button" class="secondary small-button" data-copy-from={props.id}>
        Copy
      </button>
      {props.children}
    </div>
  );
}

export function PlanLinks(props: { d: PlanLinksData }) {
  const d = props.d;
  return (
    <section class="card plan-links" aria-labelledby="plan-links-title">
      <h2 id="plan-links-title" class="card-title">
        Calendar and sharing
      </h2>
      <label for="calendar-url">Your sessions in your calendar</label>
      <p class="hint" id="calendar-url-hint">
        Subscribe to this address in Google Calendar (Other calendars → From URL) or Apple Calendar
        (File → New Calendar Subscription) to see each planned session at 7:00; it follows your plan
        as it changes. Keep it to yourself: anyone with it can see your sessions.
      </p>
      <CopyRow id="calendar-url" value={d.calendarUrl} describedBy="calendar-url-hint">
        <button
          type="button"
          class="ghost small-button"
          data-rotate-calendar=""
          data-confirm="Tap again: the old link stops"
        >
          New link
        </button>
      </CopyRow>

      <div id="plan-share" data-plan-id={d.planId} data-plan-name={d.planName}>
        <h3 class="card-subtitle">Share this plan</h3>
        <div id="share-on" hidden={d.shareUrl === null}>
          <label for="share-url" class="sr-only">
            Link to {d.planName}
          </label>
          <p class="hint" id="share-url-hint">
            Anyone with this link sees the plan (not your name or email) and can copy it.
          </p>
          <CopyRow id="share-url" value={d.shareUrl ?? ""} describedBy="share-url-hint">
            <button
              type="button"
              class="secondary danger small-button"
              data-stop-sharing=""
              data-confirm="Tap again to stop"
            >
              Stop sharing
            </button>
          </CopyRow>
        </div>
        <div id="share-off" hidden={d.shareUrl !== null}>
          <p class="hint">
            Make a read-only link to this plan for a friend or a coach: they see the week and can
            copy it into their own account. You can stop it at any time.
          </p>
          <button type="button" class="secondary small-button" data-share-plan="">
            Create a link
          </button>
        </div>
      </div>
    </section>
  );
}

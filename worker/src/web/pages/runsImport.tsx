// The running log's file import: a FIT or GPX file by picker or drop, an upload progress bar
// and a sentence for the result (client/lib/runImport.ts does the work).
import type { Viewer } from "../viewer.ts";

export function RunImportCard(props: { v: Viewer }) {
  return (
    <section class="card runimport-card" aria-labelledby="run-import-title">
      <h2 id="run-import-title" class="card-title">
        Import a run
      </h2>
      <form id="run-import-form" novalidate data-no-dirty data-units={props.v.units}>
        <label class="runimport-drop" for="run-file" id="run-import-drop">
          <strong>Choose a FIT or GPX file</strong>
          <span class="muted small">or drop it here</span>
        </label>
        <input
          id="run-file"
          name="file"
          type="file"
          class="runimport-input"
          accept=".fit,.gpx,application/vnd.ant.fit,application/gpx+xml"
          aria-describedby="run-import-hint"
        />
        <p class="hint" id="run-import-hint">
          From Garmin Connect, Strava or your watch, up to 10 MB. Distance, moving time and heart
          rate come from the file; the kind is a guess you can edit.
        </p>
        <div class="runimport-progress" id="run-import-progress-box" hidden>
          <label for="run-import-progress" class="small muted">
            Uploading
          </label>
          <progress id="run-import-progress" max="100" value="0" />
        </div>
        <p class="form-error" id="run-import-error" role="alert" />
        <p class="form-ok" id="run-import-ok" role="status" />
      </form>
    </section>
  );
}

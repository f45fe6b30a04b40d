// Devices (pair, list with last sync, revoke), pairing approval, the account page (password,
// delete) and the signed-out home page.
import { AuthForms, Field } from "../components.tsx";
import type { DeviceRow } from "../data/overview.ts";
import { dateTime, relative } from "../format.ts";
import { PLATFORM_LABEL } from "../labels.ts";
import type { Viewer } from "../viewer.ts";
import { HeartRateSettings } from "./heartRate.tsx";

export function DevicesPage(props: { v: Viewer; devices: DeviceRow[] }) {
  const { v } = props;
  return (
    <>
      <div class="page-head">
        <div>
          <h1>Devices</h1>
          <p class="muted">Watches and browsers that sync with your account.</p>
        </div>
        <a class="button" href="/pair">
          Pair a watch
        </a>
      </div>
      {props.devices.length === 0 ? (
        <p class="card muted">
          Nothing paired yet. Open runstrong on your watch, then enter the code it shows under{" "}
          <a href="/pair">Pair a watch</a>.
        </p>
      ) : (
        <ul class="plain device-list" id="device-list">
          {props.devices.map((d) => {
            const self = d.id === v.webDeviceId;
            return (
              <li class="card device" data-device-id={d.id}>
                <div>
                  <p class="device-name">{d.name}</p>
                  <p class="muted small">
                    {PLATFORM_LABEL[d.platform] ?? d.platform}
                    {self ? " · this browser" : ""} · paired {dateTime(d.createdAt, v)}
                  </p>
                  <p>
                    {d.lastSeen ? (
                      <>
                        Last sync{" "}
                        <time datetime={new Date(d.lastSeen).toISOString()}>
                          {relative(d.lastSeen, v.now, v)}
                        </time>
                      </>
                    ) : (
                      "Not synced yet"
                    )}
                  </p>
                </div>
                {self ? null : (
                  <button
                    type="button"
                    class="secondary danger"
                    data-revoke={d.id}
                    data-confirm={`Revoke ${d.name}?`}
                    aria-label={`Revoke ${d.name}`}
                  >
                    Revoke
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <p class="muted small">
        A revoked device can no longer read or send anything; pair it again to reconnect it.
      </p>
    </>
  );
}

export function PairPage(props: { v: Viewer | null; code: string }) {
  return (
    <>
      <h1>Pair a watch</h1>
      {props.v ? (
        <section class="card narrow">
          <p class="muted">
            Open runstrong on your watch: it shows a code like <strong>ABCD-EFGH</strong>.
          </p>
          <form id="code-form" novalidate data-no-dirty>
            <Field
              id="user_code"
              label="Code shown on the watch"
              value={props.code}
              autocomplete="off"
              autocapitalize="characters"
              placeholder="XXXX-XXXX"
              required
              missing="Enter the code your watch shows."
            />
            <button type="submit">Look up</button>
          </form>
          <div id="pending" class="pending" hidden>
            <p>
              Pair <strong id="pending-name" /> (<span id="pending-platform" />) with your account?
            </p>
            <div class="actions">
              <button type="button" id="approve">
                Approve
              </button>
              <button type="button" id="deny" class="secondary">
                Deny
              </button>
            </div>
          </div>
          <p id="result" class="result" role="status" />
          <p class="small">
            <a href="/devices">See your devices</a>
          </p>
        </section>
      ) : (
        <>
          <p>Sign in first; then enter the code your watch shows.</p>
          <AuthForms />
        </>
      )}
    </>
  );
}

export function AccountPage(props: { v: Viewer }) {
  return (
    <>
      <h1>Account</h1>
      <section class="card narrow" aria-labelledby="me-title">
        <h2 id="me-title" class="card-title">
          Signed in
        </h2>
        <p>
          as <strong id="account-email">{props.v.email}</strong>
        </p>
        <button type="button" class="secondary" data-logout data-confirm="Sign out anyway">
          Sign out
        </button>
      </section>
      <section class="card narrow" aria-labelledby="prefs-title">
        <h2 id="prefs-title" class="card-title">
          Preferences
        </h2>
        <form id="settings-form" novalidate>
          <div class="field">
            <label for="units">Distances and weights</label>
            <select id="units" name="units" aria-describedby="units-error">
              <option value="metric" selected={props.v.units === "metric"}>
                Kilometres and kilograms
              </option>
              <option value="imperial" selected={props.v.units === "imperial"}>
                Miles and pounds
              </option>
            </select>
            <p class="field-error" id="units-error" role="alert" />
          </div>
          <div class="field">
            <label for="time_zone">Time zone</label>
            <p class="hint" id="time_zone-hint">
              Decides which day is today for your week, history and runs, on every device.
            </p>
            {/* The page script fills in every zone the browser knows; this is the current one. */}
            <select
              id="time_zone"
              name="time_zone"
              aria-describedby="time_zone-hint time_zone-error"
              data-time-zones
            >
              <option value={props.v.tz} selected>
                {props.v.tz}
              </option>
            </select>
            <p class="field-error" id="time_zone-error" role="alert" />
          </div>
          <button type="submit">Save preferences</button>
          <p class="form-error" role="alert" />
          <p class="form-ok" role="status" />
        </form>
      </section>
      <HeartRateSettings v={props.v} />
      <section class="card narrow" aria-labelledby="pw-title">
        <h2 id="pw-title" class="card-title">
          Change password
        </h2>
        <form id="password-form" novalidate>
          <Field
            id="current_password"
            label="Current password"
            type="password"
            autocomplete="current-password"
            required
            missing="Enter your current password."
          />
          <Field
            id="new_password"
            label="New password"
            type="password"
            autocomplete="new-password"
            hint="At least 8 characters."
            required
            minChars={8}
            maxChars={256}
            missing="Choose a new password."
          />
          <Field
            id="new_password_again"
            label="New password again"
            type="password"
            autocomplete="new-password"
            required
            sameAs="new_password"
            sameMessage="This does not match the new password."
            missing="Type the new password once more."
          />
          <button type="submit">Change password</button>
          <p class="form-error" role="alert" />
          <p class="form-ok" role="status" />
        </form>
      </section>
      <YourData />
      <section class="card narrow danger-zone" aria-labelledby="del-title">
        <h2 id="del-title" class="card-title">
          Delete account
        </h2>
        <p>
          Deletes your account and everything in it — sessions, sets, runs, plans and devices. This
          cannot be undone.
        </p>
        <details>
          <summary>I want to delete my account</summary>
          <form id="delete-account-form" novalidate>
            <Field
              id="delete_password"
              name="password"
              label="Your password, to confirm"
              type="password"
              autocomplete="current-password"
              required
              missing="Enter your password to confirm."
            />
            <div class="field checkbox">
              <input
                id="delete_confirm"
                name="confirm"
                type="checkbox"
                required
                aria-describedby="delete_confirm-error"
                data-message-missing="Tick this box to confirm."
              />
              <label for="delete_confirm">I understand all my data will be deleted.</label>
              <p class="field-error" id="delete_confirm-error" role="alert" />
            </div>
            <button type="submit" class="danger">
              Delete my account and all data
            </button>
            <p class="form-error" role="alert" />
          </form>
        </details>
      </section>
    </>
  );
}

/** Downloads of everything (JSON) and the three spreadsheets, and the import of an export file. */
function YourData() {
  const csv = [
    ["sets", "Sets", "every set with its session, exercise, reps or hold and weight"],
    ["runs", "Runs", "distance, time, pace, heart rate and notes"],
    ["assessments", "Assessments", "every test result with its unit"],
  ] as const;
  return (
    <section class="card narrow" aria-labelledby="data-title">
      <h2 id="data-title" class="card-title">
        Your data
      </h2>
      <p>
        Everything you logged is yours. The JSON file holds all of it — plans, sessions, sets, runs,
        assessments and settings — and can be imported here or into another account.
      </p>
      <p class="data-downloads">
        <a class="button" href="/api/v1/export" download data-download="export">
          Download everything (JSON)
        </a>
      </p>
      <h3 class="data-subtitle">Spreadsheets (CSV)</h3>
      <ul class="plain data-csv">
        {csv.map(([name, label, what]) => (
          <li class="data-csv-file">
            <a
              class="button secondary"
              href={`/api/v1/export/${name}.csv`}
              download
              data-download={name}
            >
              {label} (CSV)
            </a>{" "}
            <span class="muted small">{what}</span>
          </li>
        ))}
      </ul>
      <h3 class="data-subtitle">Import</h3>
      <form id="import-form" novalidate data-no-dirty>
        <div class="field">
          <label for="import_file">A runstrong export file (JSON)</label>
          <p class="hint" id="import_file-hint">
            Up to 10 MB. Whatever is already in your account is kept; only what is new is added, and
            your devices get it on their next sync.
          </p>
          <input
            id="import_file"
            name="import_file"
            type="file"
            accept="application/json,.json"
            required
            aria-describedby="import_file-hint import_file-error"
            data-message-missing="Choose the export file to import."
          />
          <p class="field-error" id="import_file-error" role="alert" />
        </div>
        <button type="submit">Import</button>
        <p class="form-error" role="alert" />
        <p class="form-ok" role="status" />
      </form>
    </section>
  );
}

export function WelcomePage(props: { deleted: boolean }) {
  return (
    <>
      {props.deleted ? (
        <p class="flash" role="status">
          Your account and all its data were deleted.
        </p>
      ) : null}
      <section class="hero">
        <h1>Strength work for runners, counted on your wrist</h1>
        <p class="lead">
          Plan short strength sessions around your runs, log them on your watch or phone, and see
          them pay off: fewer niggles, a steadier stride, a stronger finish.
        </p>
        <ul class="plain hero-points">
          <li>Week at a glance: planned sessions, done sessions and your running distance.</li>
          <li>A phone session runner with big buttons, timers and vibration.</li>
          <li>
            {"A library of "}
            <a href="/exercises">runner-specific exercises</a>
            {" with cues and variations."}
          </li>
        </ul>
      </section>
      <AuthForms />
    </>
  );
}

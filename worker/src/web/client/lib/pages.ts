// Behaviour of the server-rendered pages, bound by event delegation so it keeps working after
// the live refresh swaps <main>: sign-in, pairing, devices, account, session edits.
import { api } from "./api.ts";
import { armed } from "./confirm.ts";
import { announce, byId } from "./dom.ts";
import {
  busy,
  clearErrors,
  setFieldError,
  setFormError,
  showApiErrors,
  validate,
} from "./forms.ts";
import { saveHeartRate } from "./heartRateSettings.ts";
import { refreshMain } from "./live.ts";
import { flushNow, type OpArgs, pendingCount, push } from "./sync.ts";
import { fillTimeZoneOptions } from "./timeZone.ts";

async function clearOfflineCopies(): Promise<void> {
  if ("caches" in window) {
    for (const key of await caches.keys()) await caches.delete(key);
  }
}

async function onAuthSubmit(form: HTMLFormElement, submitter: HTMLElement | null) {
  const mode = submitter?.getAttribute("value") === "signup" ? "signup" : "login";
  const password = form.querySelector<HTMLInputElement>("[name=password]");
  // Sign-up needs 8 characters; sign-in just needs something typed.
  if (password) {
    if (mode === "signup") password.dataset.minChars = "8";
    else delete password.dataset.minChars;
  }
  if (!validate(form)) return;
  const email = form.querySelector<HTMLInputElement>("[name=email]")?.value ?? "";
  const res = await busy(form, () =>
    api("POST", `auth/${mode}`, { email, password: password?.value ?? "" }),
  );
  if (!res.ok) {
    showApiErrors(form, res.body);
    return;
  }
  const next = new URLSearchParams(location.search).get("next");
  if (next?.startsWith("/") && !next.startsWith("//")) location.assign(next);
  else {
    // The signed-in page is a different page: start it at the top, not where the form was.
    history.scrollRestoration = "manual";
    location.reload();
  }
}

async function onLogout(button: HTMLButtonElement) {
  if ((await pendingCount()) > 0) {
    if ((await flushNow()) > 0 && !armed(button)) {
      announce("Some changes have not synced yet. Tap again to sign out anyway.", "error");
      return;
    }
  }
  await api("POST", "auth/logout");
  await clearOfflineCopies();
  location.assign("/");
}

// --- Pairing ----------------------------------------------------------------------------------

type Pending = { name: string; platform: string; user_code: string };

const PLATFORMS: Record<string, string> = {
  zepp: "Zepp OS watch",
  fitbit: "Fitbit watch",
  web: "Web browser",
  sim: "Watch simulator",
  cli: "Command line",
};

async function lookUpCode(form: HTMLFormElement) {
  const pending = byId("pending");
  if (pending) pending.hidden = true;
  if (!validate(form)) return;
  const code = form.querySelector<HTMLInputElement>("#user_code")?.value ?? "";
  const res = await busy(form, () =>
    api<Pending>("GET", `devices/pending?user_code=${encodeURIComponent(code)}`),
  );
  if (!res.ok) {
    showApiErrors(form, res.body);
    if (!res.body.issues?.length && res.status === 404) {
      clearErrors(form);
      setFieldError(form, "user_code", res.body.message);
    }
    return;
  }
  const name = byId("pending-name");
  const platform = byId("pending-platform");
  if (name) name.textContent = res.body.name;
  if (platform) platform.textContent = PLATFORMS[res.body.platform] ?? res.body.platform;
  if (pending) {
    pending.hidden = false;
    byId("approve")?.focus();
  }
}

async function decide(verb: "approve" | "deny") {
  const code = byId<HTMLInputElement>("user_code")?.value ?? "";
  const res = await api<{ device: { name: string } }>("POST", `devices/${verb}`, {
    user_code: code,
  });
  const pending = byId("pending");
  if (pending) pending.hidden = true;
  const result = byId("result");
  if (!result) return;
  if (res.ok) {
    result.dataset.kind = "ok";
    result.textContent =
      verb === "approve"
        ? `Paired ${res.body.device.name}. The watch picks this up within a few seconds.`
        : "Pairing refused. The watch will say so.";
  } else {
    result.dataset.kind = "error";
    result.textContent = res.body.message;
  }
}

// --- Devices ----------------------------------------------------------------------------------

async function revoke(button: HTMLButtonElement) {
  if (!armed(button)) return;
  const id = button.dataset.revoke ?? "";
  const res = await api("DELETE", `devices/${encodeURIComponent(id)}`);
  if (res.ok || res.status === 404) {
    const row = button.closest("li, tr");
    const name = row?.querySelector(".device-name")?.textContent ?? "The device";
    row?.remove();
    announce(`${name} is revoked: it can no longer sync.`);
  } else {
    announce(res.body.message, "error");
  }
}

// --- Account ----------------------------------------------------------------------------------

async function changePassword(form: HTMLFormElement) {
  if (!validate(form)) return;
  const value = (name: string) => form.querySelector<HTMLInputElement>(`[name=${name}]`)?.value;
  const res = await busy(form, () =>
    api("POST", "account/password", {
      current_password: value("current_password") ?? "",
      new_password: value("new_password") ?? "",
    }),
  );
  if (!res.ok) {
    if (res.status === 401) {
      clearErrors(form);
      setFieldError(form, "current_password", res.body.message);
    } else showApiErrors(form, res.body);
    return;
  }
  form.reset();
  form.removeAttribute("data-dirty");
  const done = form.querySelector<HTMLElement>(".form-ok");
  if (done) done.textContent = "Password changed. Other browsers were signed out.";
}

async function deleteAccount(form: HTMLFormElement) {
  if (!validate(form)) return;
  const password = form.querySelector<HTMLInputElement>("[name=password]")?.value ?? "";
  const res = await busy(form, () => api("POST", "account/delete-account", { password }));
  if (!res.ok) {
    if (res.status === 401) {
      clearErrors(form);
      setFieldError(form, "password", res.body.message);
    } else showApiErrors(form, res.body);
    return;
  }
  await clearOfflineCopies();
  location.assign("/?deleted=1");
}

// --- Session detail ---------------------------------------------------------------------------

const SESSION_FIELDS: Record<string, string> = { rpe: "rpe", notes: "notes" };

async function saveSession(form: HTMLFormElement) {
  if (!validate(form)) return;
  const id = form.dataset.session ?? "";
  const rpeText = form.querySelector<HTMLInputElement>("[name=rpe]")?.value.trim() ?? "";
  const notes = form.querySelector<HTMLTextAreaElement>("[name=notes]")?.value ?? "";
  const args: OpArgs<"session.finish"> = {
    id,
    ended_at: form.dataset.endedAt || new Date().toISOString(),
    notes,
  };
  if (rpeText !== "") args.rpe = Number(rpeText);
  const out = await busy(form, () => push([{ op: "session.finish", args }]));
  const ack = out.acks[0];
  if (ack?.status === "rejected") {
    // "rpe: Too big: expected number to be <=10" → by the field.
    const [path, ...rest] = (ack.error ?? "").split(": ");
    const field = SESSION_FIELDS[path ?? ""];
    if (field && rest.length) setFieldError(form, field, rest.join(": "));
    else setFormError(form, ack.error ?? "The server refused this change.");
    return;
  }
  const ok = form.querySelector<HTMLElement>(".form-ok");
  form.removeAttribute("data-dirty");
  if (ack) {
    if (ok) ok.textContent = "Saved. Your devices get it on their next sync.";
  } else if (ok) {
    ok.textContent = "Saved on this device; it syncs when you are back online.";
  }
}

const SETTINGS_FIELDS: Record<string, string> = {
  units: "units",
  rest_s_default: "rest_s_default",
  time_zone: "time_zone",
};

async function saveSettings(form: HTMLFormElement) {
  if (!validate(form)) return;
  const units = form.querySelector<HTMLSelectElement>("[name=units]")?.value ?? "metric";
  const args: OpArgs<"settings.put"> = { units: units as OpArgs<"settings.put">["units"] };
  const zone = form.querySelector<HTMLSelectElement>("[name=time_zone]")?.value;
  if (zone) args.time_zone = zone;
  const out = await busy(form, () => push([{ op: "settings.put", args }]));
  const ack = out.acks[0];
  if (ack?.status === "rejected") {
    const [path, ...rest2] = (ack.error ?? "").split(": ");
    const field = SETTINGS_FIELDS[path ?? ""];
    if (field && rest2.length) setFieldError(form, field, rest2.join(": "));
    else setFormError(form, ack.error ?? "The server refused this change.");
    return;
  }
  form.removeAttribute("data-dirty");
  const ok = form.querySelector<HTMLElement>(".form-ok");
  if (ok) {
    ok.textContent = ack
      ? "Saved. Pages use the new units and time zone from the next one you open."
      : "Saved on this device; it syncs when you are back online.";
  }
}

async function deleteSet(button: HTMLButtonElement) {
  if (!armed(button)) return;
  const id = button.dataset.deleteSet ?? "";
  const out = await push([{ op: "set.delete", args: { id } }]);
  const row = button.closest("tr, li");
  row?.remove();
  announce(out.acks[0] ? "Set deleted." : "Set deleted here; it syncs when you are online.");
}

async function deleteSession(button: HTMLButtonElement) {
  if (!armed(button)) return;
  const id = button.dataset.deleteSession ?? "";
  const out = await push([{ op: "session.delete", args: { id } }]);
  location.assign(out.acks[0] ? "/history?deleted=1" : "/history?deleted=queued");
}

// --- Wiring -----------------------------------------------------------------------------------

type Handler = (form: HTMLFormElement, submitter: HTMLElement | null) => Promise<void>;

const FORMS: Record<string, Handler> = {
  "auth-form": onAuthSubmit,
  "code-form": (f) => lookUpCode(f),
  "password-form": (f) => changePassword(f),
  "delete-account-form": (f) => deleteAccount(f),
  "session-form": (f) => saveSession(f),
  "settings-form": (f) => saveSettings(f),
  "heart-rate-form": (f) => saveHeartRate(f),
};

export function bindPages(): void {
  document.addEventListener("submit", (event) => {
    const form = event.target as HTMLFormElement;
    const handler = FORMS[form.id];
    if (!handler) return;
    event.preventDefault();
    void handler(form, event.submitter);
  });
  document.addEventListener("click", (event) => {
    const button = (event.target as HTMLElement).closest<HTMLButtonElement>("button");
    if (!button) return;
    const d = button.dataset;
    if (button.id === "approve") void decide("approve");
    else if (button.id === "deny") void decide("deny");
    else if (d.logout !== undefined) void onLogout(button);
    else if (d.revoke) void revoke(button);
    else if (d.deleteSet) void deleteSet(button);
    else if (d.deleteSession) void deleteSession(button);
    else if (d.refresh !== undefined) void refreshMain();
  });
  document.addEventListener("change", (event) => {
    const target = event.target as HTMLElement;
    if (target.matches("[data-autosubmit]")) target.closest("form")?.requestSubmit();
  });
  fillTimeZoneOptions();
  // A pairing code in the link (?code=) is looked up at once.
  const code = byId<HTMLInputElement>("user_code");
  const form = byId<HTMLFormElement>("code-form");
  if (code?.value && form) void lookUpCode(form);
}

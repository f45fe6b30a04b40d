// Sign-in and pairing approval on the web view: talks to the JSON API, shows errors by the field.
const api = (path, init = {}) =>
  fetch(`/api/v1${path}`, {
    credentials: "same-origin",
    ...init,
    headers: init.body ? { "Content-Type": "application/json" } : {},
  }).then(async (res) => ({
    ok: res.ok,
    status: res.status,
    body: res.status === 204 ? null : await res.json(),
  }));

const $ = (id) => document.getElementById(id);

function showIssues(body) {
  for (const el of document.querySelectorAll(".field-error, .form-error")) el.textContent = "";
  const issues = body?.issues ?? [];
  for (const issue of issues) {
    const el = $(`${issue.path}-error`);
    if (el) el.textContent = issue.message;
  }
  if (!issues.length && $("form-error"))
    $("form-error").textContent = body?.message ?? "Something went wrong.";
}

const authForm = $("auth-form");
if (authForm) {
  authForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const mode = event.submitter?.value === "signup" ? "signup" : "login";
    const body = JSON.stringify({ email: $("email").value, password: $("password").value });
    const res = await api(`/auth/${mode}`, { method: "POST", body });
    if (res.ok) location.reload();
    else showIssues(res.body);
  });
}

$("logout")?.addEventListener("click", async () => {
  await api("/auth/logout", { method: "POST" });
  location.reload();
});

const codeForm = $("code-form");
if (codeForm) {
  const lookup = async () => {
    const code = $("user_code").value;
    const res = await api(`/devices/pending?user_code=${encodeURIComponent(code)}`);
    $("pending").hidden = !res.ok;
    $("user_code-error").textContent = res.ok
      ? ""
      : (res.body?.issues?.[0]?.message ?? res.body?.message ?? "");
    if (res.ok) {
      $("pending-name").textContent = res.body.name;
      $("pending-platform").textContent = res.body.platform;
    }
  };
  codeForm.addEventListener("submit", (event) => {
    event.preventDefault();
    lookup();
  });
  if ($("user_code").value) lookup();
  const decide = (verb) => async () => {
    const res = await api(`/devices/${verb}`, {
      method: "POST",
      body: JSON.stringify({ user_code: $("user_code").value }),
    });
    $("pending").hidden = true;
    $("result").textContent = res.ok
      ? verb === "approve"
        ? `Paired ${res.body.device.name}. The watch will show it in a few seconds.`
        : "Pairing refused."
      : (res.body?.message ?? "Something went wrong.");
  };
  $("approve").addEventListener("click", decide("approve"));
  $("deny").addEventListener("click", decide("deny"));
}

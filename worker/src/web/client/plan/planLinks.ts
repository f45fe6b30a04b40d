// Links out of the plan pages: copying the calendar feed URL or a share link, a new feed URL
// (after a second tap), making and stopping the active plan's share link, and, on a shared
// plan's page, "Copy to my account" (plan.put under a new id through the outbox, as the builder
// saves plans).
import type { PlanBody } from "@runstrong/shared/schemas";
import { api } from "../lib/api.ts";
import { armed } from "../lib/confirm.ts";
import { announce, byId, newEntityId } from "../lib/dom.ts";
import { savePlan } from "./savePlan.ts";

async function copyFrom(button: HTMLButtonElement): Promise<void> {
  const input = byId<HTMLInputElement>(button.dataset.copyFrom ?? "");
  if (!input) return;
  try {
    await navigator.clipboard.writeText(input.value);
    announce("Link copied.");
  } catch {
    // No clipboard permission (an older browser, an insecure origin): leave it selected.
    input.focus();
    input.select();
    announce("Press Ctrl+C or ⌘C to copy the selected link.");
  }
}

async function rotateCalendar(button: HTMLButtonElement): Promise<void> {
  if (!armed(button)) return;
  button.disabled = true;
  const res = await api<{ url: string }>("POST", "calendar/rotate");
  button.disabled = false;
  const input = byId<HTMLInputElement>("calendar-url");
  if (!res.ok || !input) {
    announce(res.ok ? "Reload the page to see the new link." : res.body.message, "error");
    return;
  }
  input.value = res.body.url;
  announce("New calendar link made: subscribe to it again; the old one no longer works.");
}

function showShare(url: string | null): void {
  const on = byId("share-on");
  const off = byId("share-off");
  const input = byId<HTMLInputElement>("share-url");
  if (!on || !off || !input) return;
  input.value = url ?? "";
  on.hidden = url === null;
  off.hidden = url !== null;
}

function sharedPlanId(): string {
  return byId("plan-share")?.dataset.planId ?? "";
}

async function share(button: HTMLButtonElement): Promise<void> {
  button.disabled = true;
  const res = await api<{ url: string }>(
    "POST",
    `plans/${encodeURIComponent(sharedPlanId())}/share`,
  );
  button.disabled = false;
  if (!res.ok) {
    announce(res.body.message, "error");
    return;
  }
  showShare(res.body.url);
  byId<HTMLInputElement>("share-url")?.focus();
  announce("Link made: anyone with it can see this plan.");
}

async function stopSharing(button: HTMLButtonElement): Promise<void> {
  if (!armed(button)) return;
  button.disabled = true;
  const res = await api("DELETE", `plans/${encodeURIComponent(sharedPlanId())}/share`);
  button.disabled = false;
  if (!res.ok) {
    announce(res.body.message, "error");
    return;
  }
  showShare(null);
  announce("Sharing stopped: the link no longer shows the plan.");
}

async function copyPlan(button: HTMLButtonElement): Promise<void> {
  const token = button.dataset.copyPlan ?? "";
  button.disabled = true;
  // The server's own answer; the push below is checked against the schema there (no zod here:
  // it would triple the page's script).
  const res = await api<{ plan: PlanBody }>("GET", `shared/plans/${encodeURIComponent(token)}`);
  if (!res.ok) {
    button.disabled = false;
    announce(res.body.message, "error");
    return;
  }
  const makeActive = button.dataset.makeActive === "1";
  const plan = res.body.plan;
  const outcome = await savePlan(newEntityId("p"), 0, plan, makeActive);
  if (outcome.kind === "saved") {
    location.assign(makeActive ? "/plan?saved=copied-active" : "/plan?saved=copied");
    return;
  }
  button.disabled = outcome.kind === "queued";
  announce(
    outcome.kind === "queued"
      ? "Copied on this device: it reaches your account when you are back online."
      : outcome.kind === "refused"
        ? outcome.message
        : "The copy could not be saved. Try again.",
    outcome.kind === "queued" ? "info" : "error",
  );
}

export function bindPlanLinks(): void {
  document.addEventListener("click", (event) => {
    const button = (event.target as HTMLElement).closest<HTMLButtonElement>("button");
    if (!button) return;
    const d = button.dataset;
    if (d.copyFrom) void copyFrom(button);
    else if (d.rotateCalendar !== undefined) void rotateCalendar(button);
    else if (d.sharePlan !== undefined) void share(button);
    else if (d.stopSharing !== undefined) void stopSharing(button);
    else if (d.copyPlan) void copyPlan(button);
  });
}

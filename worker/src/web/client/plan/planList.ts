// The saved plans on /plan: "Make active" pushes settings.put, "Delete" (tapped twice) pushes
// plan.delete with the rev the page showed; a plan changed elsewhere meanwhile is not deleted.
import { armed } from "../lib/confirm.ts";
import { announce } from "../lib/dom.ts";
import { push } from "../lib/sync.ts";

async function activate(button: HTMLButtonElement): Promise<void> {
  const id = button.dataset.activatePlan ?? "";
  button.disabled = true;
  const out = await push([{ op: "settings.put", args: { active_plan_id: id } }]);
  const ack = out.acks[0];
  if (!ack) {
    button.disabled = false;
    announce("Saved on this device: the plan becomes active once you are back online.");
  } else if (ack.status === "rejected") {
    button.disabled = false;
    announce("That plan could not be made active.", "error");
  } else {
    location.assign("/plan?saved=active");
  }
}

async function remove(button: HTMLButtonElement): Promise<void> {
  if (!armed(button)) return;
  const id = button.dataset.deletePlan ?? "";
  const rev = Number(button.dataset.rev ?? "0");
  const out = await push([{ op: "plan.delete", args: { id, base_rev: rev } }]);
  const ack = out.acks[0];
  const row = button.closest<HTMLElement>("li");
  const name = row?.querySelector(".plan-list-name")?.textContent ?? "The plan";
  if (ack?.status === "conflict") {
    announce(
      `${name} was changed on another device, so it was not deleted. Reload the page to see the latest version.`,
      "error",
    );
  } else if (ack?.status === "rejected") {
    announce(`${name} could not be deleted.`, "error");
  } else {
    row?.remove();
    announce(ack ? `${name} deleted.` : `${name} deleted here; it syncs when you are online.`);
  }
}

export function bindPlanList(): void {
  document.addEventListener("click", (event) => {
    const button = (event.target as HTMLElement).closest<HTMLButtonElement>("button");
    if (!button) return;
    if (button.dataset.activatePlan) void activate(button);
    else if (button.dataset.deletePlan) void remove(button);
  });
}

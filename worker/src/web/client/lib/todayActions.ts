// The dashboard's one-tap fatigue swap: the server prepared the whole plan.put (the plan with
// the change for today); the page queues it, pushes, and says what happened.
import { announce } from "./dom.ts";
import { refreshMain } from "./live.ts";
import { type MutationBody, type OpArgs, push } from "./sync.ts";

async function accept(button: HTMLButtonElement): Promise<void> {
  const raw = button.dataset.acceptAdjustment;
  if (!raw) return;
  button.disabled = true;
  // Prepared by the server from the stored plan: sent as it came.
  const args = JSON.parse(raw) as OpArgs<"plan.put">;
  const body: MutationBody = { op: "plan.put", args };
  const { acks, stopped } = await push([body]);
  const ack = acks[0];
  if (ack?.status === "applied" || ack?.status === "duplicate") {
    announce("Swapped: today is core and upper body. Your watch shows it after its next sync.");
  } else if (ack?.status === "conflict") {
    announce("Your plan changed on another device first; here is the latest suggestion.", "error");
  } else if (ack?.status === "rejected") {
    announce(`The swap could not be saved: ${ack.error ?? "the server refused it"}.`, "error");
  } else {
    announce(
      stopped?.status === 401
        ? "Sign in again to save the swap."
        : "Saved on this phone; the swap syncs when you are back online.",
    );
  }
  await refreshMain();
}

export function bindTodayActions(): void {
  document.addEventListener("click", (e) => {
    const button = (e.target as Element | null)?.closest<HTMLButtonElement>(
      "button[data-accept-adjustment]",
    );
    if (button) void accept(button);
  });
}

// Saving a plan through the outbox: `plan.put` with the rev the page loaded (0 creates), and
// `settings.put` to make it the active plan; the acks read as what happened, in words.
import type { PlanBody } from "@runstrong/shared/schemas";
import { push } from "../lib/sync.ts";

export type SaveOutcome =
  | { kind: "saved" }
  /** Kept in this browser's outbox: offline or the server unreachable; it syncs later. */
  | { kind: "queued" }
  /** Another device changed (or deleted) the plan after this page loaded it. */
  | { kind: "conflict"; deleted: boolean }
  | { kind: "refused"; message: string };

function stillStored(current: unknown): boolean {
  return (
    typeof current === "object" && current !== null && !(current as { deleted?: boolean }).deleted
  );
}

export async function savePlan(
  id: string,
  baseRev: number,
  plan: PlanBody,
  makeActive: boolean,
): Promise<SaveOutcome> {
  const out = await push([
    { op: "plan.put", args: { id, base_rev: baseRev, plan } },
    ...(makeActive ? [{ op: "settings.put" as const, args: { active_plan_id: id } }] : []),
  ]);
  const [put, active] = out.acks;
  if (out.stopped && out.stopped.status === 401) {
    return {
      kind: "refused",
      message: "You were signed out. Sign in again in another tab, then save once more.",
    };
  }
  if (!put) return { kind: "queued" };
  if (put.status === "conflict") return { kind: "conflict", deleted: !stillStored(put.current) };
  if (put.status === "rejected") {
    return {
      kind: "refused",
      message: `The server did not accept this plan (${put.error ?? "no reason given"}). Nothing was saved.`,
    };
  }
  if (makeActive && active?.status === "rejected") {
    return { kind: "refused", message: "The plan was saved, but it could not be made active." };
  }
  return { kind: "saved" };
}

// Wire shapes of what leaves an account by link: the secret iCal feed URL and read-only plan
// links (a plan shown to anyone with the link, without its owner).
import { z } from "zod";
import { PlanBody } from "./plan.ts";

/** The secrets in feed and share links: 256 random bits as URL-safe base64 (43 characters). */
export const LINK_SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** GET /calendar and POST /calendar/rotate. */
export const CalendarUrlResponse = z.object({ url: z.string() });
export type CalendarUrlResponse = z.infer<typeof CalendarUrlResponse>;

/** POST /plans/{id}/share. */
export const PlanShareResponse = z.object({ url: z.string(), token: z.string() });
export type PlanShareResponse = z.infer<typeof PlanShareResponse>;

/**
 * GET /shared/plans/{token}: the plan as its owner saved it, minus the owner's accepted one-day
 * changes (those are about the owner's own week, not the plan).
 */
export const SharedPlanResponse = z.object({ plan: PlanBody });
export type SharedPlanResponse = z.infer<typeof SharedPlanResponse>;

/** What a shared link shows of a plan body. */
export function sharedPlanBody(plan: PlanBody): PlanBody {
  const { overrides: _personal, ...shown } = plan;
  return shown;
}

// The session page on round 480×480 screens (Balance, Balance 2, T-Rex 3).
import { roundSessionLayout } from "../layout/round.ts";
import type { SessionLayout } from "../layout/types.ts";

export const layout: SessionLayout = roundSessionLayout(480);

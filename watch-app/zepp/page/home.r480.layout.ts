// The home page on round 480×480 screens (Balance, Balance 2, T-Rex 3).
import { roundHomeLayout } from "../layout/round.ts";
import type { HomeLayout } from "../layout/types.ts";

export const layout: HomeLayout = roundHomeLayout(480);

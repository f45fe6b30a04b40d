// The home page on round 466×466 screens (Active 2 round).
import { roundHomeLayout } from "../layout/round.ts";
import type { HomeLayout } from "../layout/types.ts";

export const layout: HomeLayout = roundHomeLayout(466);

// The session page on round 466×466 screens (Active 2 round).
import { roundSessionLayout } from "../layout/round.ts";
import type { SessionLayout } from "../layout/types.ts";

export const layout: SessionLayout = roundSessionLayout(466);

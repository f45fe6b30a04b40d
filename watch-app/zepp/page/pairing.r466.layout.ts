// The pairing page on round 466×466 screens (Active 2 round).
import { roundPairingLayout } from "../layout/round.ts";
import type { PairingLayout } from "../layout/types.ts";

export const layout: PairingLayout = roundPairingLayout(466);

// The pairing page on round 480×480 screens (Balance, Balance 2, T-Rex 3).
import { roundPairingLayout } from "../layout/round.ts";
import type { PairingLayout } from "../layout/types.ts";

export const layout: PairingLayout = roundPairingLayout(480);

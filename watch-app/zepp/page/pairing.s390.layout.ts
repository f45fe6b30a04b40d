// The pairing page on square 390×450 screens (Active 2 square, Bip 6).
import { squarePairingLayout } from "../layout/square.ts";
import type { PairingLayout } from "../layout/types.ts";

export const layout: PairingLayout = squarePairingLayout({ width: 390, height: 450 });

// The session page on square 390×450 screens (Active 2 square, Bip 6).
import { squareSessionLayout } from "../layout/square.ts";
import type { SessionLayout } from "../layout/types.ts";

export const layout: SessionLayout = squareSessionLayout({ width: 390, height: 450 });

// The home page on square 390×450 screens (Active 2 square, Bip 6).
import { squareHomeLayout } from "../layout/square.ts";
import type { HomeLayout } from "../layout/types.ts";

export const layout: HomeLayout = squareHomeLayout({ width: 390, height: 450 });

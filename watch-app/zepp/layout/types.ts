// What each page asks of its layout. Every screen shape has its own layout file per page
// (page/*.r480.layout.ts, *.r466.layout.ts, *.s390.layout.ts); the build bundles only the
// target's file into that target's page, so a watch never carries another shape's layout.
import type { ScreenView } from "@runstrong/shared/engine";

export interface HomeModel {
  headline: string;
  detail: string;
  start: string;
  /** null hides the pairing button (already paired). */
  pair: string | null;
}

export interface HomeActions {
  start(): void;
  pair(): void;
}

export interface HomeLayout {
  build(actions: HomeActions): { render(model: HomeModel): void };
}

/** Which controls the current screen offers; the page decides, the layout places them. */
export interface SessionControls {
  /** Label of the main button, or null for none. */
  primary: string | null;
  secondary: string | null;
  /** Tapping the big number counts a rep. */
  tapCounts: boolean;
}

export interface SessionActions {
  tap(): void;
  primary(): void;
  secondary(): void;
}

export interface SessionLayout {
  build(actions: SessionActions): { render(view: ScreenView, controls: SessionControls): void };
}

export interface PairingModel {
  headline: string;
  /** The code to type on the web page, shown large; null while there is none. */
  code: string | null;
  hint: string;
}

export interface PairingActions {
  retry(): void;
}

export interface PairingLayout {
  build(actions: PairingActions): { render(model: PairingModel): void };
}

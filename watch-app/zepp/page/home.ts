// The home page. Until the core's plan and outbox land it offers the demo session and the
// pairing page; the layout is the target's (page/home.<target>.layout.ts).
import { push } from "@zos/router";
import type { HomeLayout } from "../layout/types.ts";
import { pageUrl } from "./routes.ts";

/** A plain page: it never talks to the phone, so it does without ZML's BasePage (5 KB). */
export function homePage(layout: HomeLayout): Page.Option {
  return {
    build() {
      const ui = layout.build({
        start: () => push({ url: pageUrl.session }),
        pair: () => push({ url: pageUrl.pairing }),
      });
      ui.render({
        headline: "runstrong",
        detail: "Strength for runners.\nDemo: one-leg squat, side plank",
        start: "Start",
        pair: "Pairing",
      });
    },
  };
}

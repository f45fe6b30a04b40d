// The only code each page bundle carries besides its target's geometry: the page's own @zos/ui
// bindings and router, handed to the app-wide host (device/watchHost.ts) that renders it.
import { replace } from "@zos/router";
import { align, createWidget, event, prop, text_style, widget } from "@zos/ui";
import type { WatchHost } from "../device/watchHost.ts";
import type { PageEnv } from "../ui/watchPage.ts";

export const host = (): WatchHost => (getApp()._options.globalData as { watch: WatchHost }).watch;

export const env: PageEnv = {
  z: { createWidget, widget, prop, align, event, text_style },
  go: (page) => replace({ url: `${RS_PAGE_DIR}/${page}` }),
};

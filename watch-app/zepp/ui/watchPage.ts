// What the three pages share (in app.js): they render the one WatchApp's screen model, tick it,
// and hand over to another page when the screen belongs elsewhere (home ↔ session ↔ pairing,
// with `replace`: the home page is the way out of the app).
import type { WatchAction, WatchScreen } from "../../core/index.ts";
import type { WatchApp } from "../../core/watch/watchApp.ts";
import { type Widgets, widgets, type Zui } from "./widgets.ts";

export type PageName = "home" | "session" | "pairing";

/** What a page hands over: its own @zos/ui bindings and its router. */
export interface PageEnv {
  z: Zui;
  /** `replace` to this target's page of that name. */
  go(page: PageName): void;
}

/** The parts of the app-wide host a page needs. */
export interface PageHost {
  app: WatchApp;
  listen(render: (() => void) | null): void;
  pageShown(): void;
}

export function pageOf(screen: WatchScreen): PageName {
  return screen.kind === "home" || screen.kind === "pairing" ? screen.kind : "session";
}

/**
 * A page rendering the screens of `name`. `build` creates the widgets once and returns the
 * render function; its `act` dispatches a button's action and renders at once.
 */
export function watchPage<S extends WatchScreen>(
  host: PageHost,
  name: PageName,
  tickMs: number,
  env: PageEnv,
  build: (w: Widgets, act: (action: WatchAction) => void) => (screen: S) => void,
): Page.Option {
  let timer: number | null = null;
  return {
    build() {
      let gone = false;
      const refresh = () => {
        if (gone) return;
        const screen = host.app.screen();
        const target = pageOf(screen);
        if (target === name) {
          render(screen as S);
          return;
        }
        gone = true;
        // Not from inside build(): let the page finish building first.
        setTimeout(() => env.go(target), 0);
      };
      const render = build(widgets(env.z), (action) => {
        host.app.act(action);
        refresh();
      });
      host.listen(refresh);
      host.pageShown();
      refresh();
      timer = setInterval(() => {
        host.app.tick();
        refresh();
      }, tickMs);
    },
    onDestroy() {
      if (timer !== null) clearInterval(timer);
      timer = null;
      host.listen(null);
    },
  };
}

/** The data-testid of a button in the simulator: its action (`start` adds the choice). */
export function actionId(action: WatchAction): string {
  return `action-${action.type}${action.type === "start" ? `-${action.choice}` : ""}`;
}

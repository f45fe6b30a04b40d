// Runs the Zepp app in the page as the watch's runtime would: evaluates app.js (App → onCreate),
// then each page's own bundle on navigation (a fresh evaluation per visit, as on the watch),
// owns the app's timers, and can "kill" the app: timers stop, the screen clears and pending
// phone replies are dropped, without onDestroy; relaunching reads everything back from storage.
import type { SimLink } from "./link.ts";
import type { Options } from "./types.ts";
import type { ScreenUi } from "./ui.ts";

export class WatchRuntime {
  private instance = 0;
  private alive = false;
  private appOptions: Options | null = null;
  private pendingPage: Options | null = null;
  private page: { url: string; options: Options } | null = null;
  private stack: string[] = [];
  private visits = 0;
  private readonly timers = new Map<number, "timeout" | "interval">();
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly env: {
      target: string;
      ui: ScreenUi;
      link: SimLink;
      /** The page changed or the app stopped: page-scoped display settings end. */
      resetDisplay(): void;
      log(line: string, kind?: string): void;
      state(text: string): void;
    },
  ) {}

  get current(): number {
    return this.instance;
  }

  get pageUrl(): string | null {
    return this.page?.url ?? null;
  }

  // ---- globals of the app's bundles (shims/watchGlobals.ts) ----

  App(options: Options): void {
    this.appOptions = options;
  }

  Page(options: Options): void {
    this.pendingPage = options;
  }

  getApp(): { _options: Options } {
    return { _options: this.appOptions ?? {} };
  }

  setTimeout(task: () => void, ms = 0): number {
    const instance = this.instance;
    const id = window.setTimeout(() => {
      this.timers.delete(id);
      if (this.alive && instance === this.instance) this.run(task);
    }, ms);
    this.timers.set(id, "timeout");
    return id;
  }

  clearTimeout(id: number | undefined): void {
    if (id === undefined) return;
    window.clearTimeout(id);
    this.timers.delete(id);
  }

  setInterval(task: () => void, ms: number): number {
    const instance = this.instance;
    const id = window.setInterval(() => {
      if (this.alive && instance === this.instance) this.run(task);
    }, ms);
    this.timers.set(id, "interval");
    return id;
  }

  clearInterval(id: number | undefined): void {
    if (id === undefined) return;
    window.clearInterval(id);
    this.timers.delete(id);
  }

  private run(task: () => void): void {
    try {
      task();
    } catch (error) {
      this.env.log(`app error: ${String(error)}`, "error");
      console.error(error);
    }
  }

  // ---- lifecycle ----

  /** Starts the app: app.js, then its first page. */
  launch(): Promise<void> {
    return this.enqueue(async () => {
      this.instance++;
      this.alive = true;
      this.appOptions = null;
      this.stack = [];
      await import(/* @vite-ignore */ `/b/app.js?i=${this.instance}`);
      const app = this.appOptions as Options | null;
      if (app === null) throw new Error("app.js did not call App()");
      app.onCreate?.call(app);
      this.env.log(`app started (instance ${this.instance})`, "app");
      this.env.state("running");
      await this.open(`page/${this.env.target}/home`, "replace");
    });
  }

  /** Ends the app as a crash or the system would: no onDestroy, nothing saved beyond storage. */
  kill(): void {
    this.alive = false;
    for (const [id, kind] of this.timers) {
      if (kind === "timeout") window.clearTimeout(id);
      else window.clearInterval(id);
    }
    this.timers.clear();
    this.env.link.dropAll();
    this.env.ui.clear();
    this.env.resetDisplay();
    this.page = null;
    this.appOptions = null;
    this.instance++;
    this.env.log("app killed", "app");
    this.env.state("killed");
  }

  /** The app leaves by itself (exit, or back from the first page): onDestroy runs. */
  exit(): void {
    this.enqueue(async () => {
      this.destroyPage();
      this.appOptions?.onDestroy?.call(this.appOptions);
      this.kill();
      this.env.state("exited");
    });
  }

  go(url: string, mode: "push" | "replace"): void {
    this.enqueue(() => this.open(url, mode));
  }

  back(): void {
    this.enqueue(async () => {
      if (this.stack.length <= 1) {
        this.destroyPage();
        this.appOptions?.onDestroy?.call(this.appOptions);
        this.kill();
        this.env.state("exited");
        return;
      }
      this.stack.pop();
      await this.open(this.stack[this.stack.length - 1] as string, "back");
    });
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const next = this.queue.then(task, task);
    this.queue = next.catch((error) => {
      this.env.log(`app error: ${String(error)}`, "error");
      console.error(error);
    });
    return next;
  }

  private destroyPage(): void {
    const page = this.page;
    this.page = null;
    if (page !== null) this.run(() => page.options.onDestroy?.call(page.options));
    this.env.ui.clear();
    this.env.resetDisplay();
  }

  private async open(url: string, mode: "push" | "replace" | "back"): Promise<void> {
    if (!this.alive) return;
    const instance = this.instance;
    this.destroyPage();
    this.pendingPage = null;
    await import(/* @vite-ignore */ `/b/${url}.js?i=${instance}.${++this.visits}`);
    const options = this.pendingPage as Options | null;
    if (options === null) throw new Error(`${url} did not call Page()`);
    if (instance !== this.instance || !this.alive) return;
    if (mode === "push") this.stack.push(url);
    else if (mode === "replace") this.stack[Math.max(0, this.stack.length - 1)] = url;
    this.env.ui.newLayer();
    this.page = { url, options };
    this.env.log(`page ${url}`, "app");
    this.run(() => options.onInit?.call(options));
    this.run(() => options.build?.call(options));
  }
}

// Build-time constants of the device bundles, defined by scripts/watchBuild/zeppBuild.mjs per target
// (and by the browser simulator, watch-app/sim).

/** The folder holding this target's pages, e.g. "page/r480". */
declare const RS_PAGE_DIR: string;

/** True only in the browser simulator's bundles: device builds drop every `if (RS_SIM)` branch. */
declare const RS_SIM: boolean;

/**
 * ZML's BaseApp without its plugins, and its messaging plugin for API 3.0 (the parts of
 * `@zeppos/zml/base-app` this app uses; see app.ts). zml.d.ts declares only the bundle.
 */
declare module "@zeppos/zml/base/base-app" {
  export const BaseApp: typeof import("@zeppos/zml/base-app").BaseApp & {
    use(plugin: unknown): void;
  };
}

declare module "@zeppos/zml/3.0/module/messaging/plugin/app" {
  export const appPlugin: unknown;
}

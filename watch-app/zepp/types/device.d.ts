// Build-time constants of the device bundles, defined by scripts/build-watch.mjs per target
// (and by the browser simulator, watch-app/sim).

/** The folder holding this target's pages, e.g. "page/r480". */
declare const RS_PAGE_DIR: string;

/** True only in the browser simulator's bundles: device builds drop every `if (RS_SIM)` branch. */
declare const RS_SIM: boolean;

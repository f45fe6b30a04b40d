// Build-time constants of the device bundles, defined by scripts/build-watch.mjs per target.

/** The folder holding this target's pages, e.g. "page/r480". */
declare const RS_PAGE_DIR: string;

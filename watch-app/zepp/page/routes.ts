// Page URLs of the running build target. Every screen shape ships its own copy of each page
// under page/<target>/, and the build defines RS_PAGE_DIR ("page/r480", …) accordingly.
export const pageUrl = {
  home: `${RS_PAGE_DIR}/home`,
  session: `${RS_PAGE_DIR}/session`,
  pairing: `${RS_PAGE_DIR}/pairing`,
} as const;

// The seed articles the catalog was written from. Kept apart from the zod schemas so the catalog's
// data and lookups bundle without zod (the web view's plan page checks plans in the browser).

/**
 * The seed articles the catalog was written from, keyed by their three-digit prefix.
 * Only the file names are kept: they are cited as `source`, never read at run time.
 */
export const SEED = {
  "000": "000_1bbc95299c110499.txt",
  "001": "001_f453689a0bc46a96.txt",
  "002": "002_b5ee0b85edc1903c.txt",
  "003": "003_ce3c52261a9dfa3b.txt",
  "004": "004_02721ea5259432a5.txt",
} as const;

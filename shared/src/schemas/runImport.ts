// The answer of POST /runs/import: the run a GPX or FIT file became, and whether it was there
// already (the same file imported before).
import { z } from "zod";
import { RunRecord } from "./entities.ts";

export const RunImportResponse = z.object({
  run: RunRecord,
  /** Present (true) when this file had been imported before: nothing new was stored. */
  duplicate: z.literal(true).optional(),
});
export type RunImportResponse = z.infer<typeof RunImportResponse>;

/** Largest run file POST /runs/import takes (10 MiB). */
export const MAX_RUN_FILE_BYTES = 10 * 1024 * 1024;

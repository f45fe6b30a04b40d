// The account export document (GET /export, POST /import): everything an account owns, each
// entity in its pull wire shape minus the per-account sync bookkeeping, under a format version.
import { z } from "zod";
import {
  AssessmentRecord,
  PlanRecord,
  RunRecord,
  SessionRecord,
  SetRecord,
  SettingsRecord,
} from "./entities.ts";
import { PlanBody } from "./plan.ts";
import { IsoDateTime } from "./primitives.ts";

export const EXPORT_FORMAT = "runstrong-export";
/** The version GET /export writes. POST /import also reads every older one (see exportUpgrade). */
export const EXPORT_VERSION = 1;
/** Largest document POST /import takes. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

/*
 * `version` (the account's sync counter), `deleted` (always false: tombstones are not exported)
 * and a plan's `rev` (its edit counter) describe one account's sync state, not the data: a
 * document imported elsewhere gets that account's own, so they are left out, which also makes
 * export → import → export give back the same document.
 */
const bookkeeping = { version: true, deleted: true } as const;

/** A live plan always has a body (only deleted ones lose it). */
export const ExportPlan = PlanRecord.omit({ ...bookkeeping, rev: true }).extend({ plan: PlanBody });
export type ExportPlan = z.infer<typeof ExportPlan>;

export const ExportSession = SessionRecord.omit(bookkeeping);
export type ExportSession = z.infer<typeof ExportSession>;

export const ExportSet = SetRecord.omit(bookkeeping);
export type ExportSet = z.infer<typeof ExportSet>;

export const ExportRun = RunRecord.omit(bookkeeping);
export type ExportRun = z.infer<typeof ExportRun>;

export const ExportAssessment = AssessmentRecord.omit(bookkeeping);
export type ExportAssessment = z.infer<typeof ExportAssessment>;

export const ExportSettings = SettingsRecord.omit({ version: true });
export type ExportSettings = z.infer<typeof ExportSettings>;

export const ExportDocument = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  exported_at: IsoDateTime,
  plans: z.array(ExportPlan),
  sessions: z.array(ExportSession),
  sets: z.array(ExportSet),
  runs: z.array(ExportRun),
  assessments: z.array(ExportAssessment),
  /** null when the account never saved a setting. */
  settings: ExportSettings.nullable(),
});
export type ExportDocument = z.infer<typeof ExportDocument>;

/** The kinds an import counts, in the order the document lists them. */
export const EXPORT_KINDS = [
  "plans",
  "sessions",
  "sets",
  "runs",
  "assessments",
  "settings",
] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

const Counts = z.object(
  Object.fromEntries(EXPORT_KINDS.map((k) => [k, z.number().int().min(0)])) as Record<
    ExportKind,
    z.ZodNumber
  >,
);
export type ImportCounts = z.infer<typeof Counts>;

export const ImportResponse = z.object({
  /** Rows this import added (settings: 1 when it changed any setting). */
  imported: Counts,
  /** Rows the account already had (or had deleted), left as they were. */
  skipped: Counts,
});
export type ImportResponse = z.infer<typeof ImportResponse>;

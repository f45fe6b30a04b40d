// Building blocks shared by every wire schema: ids, timestamps, enums that several entities use.
import { z } from "zod";

/** Client-generated entity id (ULID or UUID); the protocol caps it at 40 characters. */
export const EntityId = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9_-]+$/, "id may hold letters, digits, '-' and '_' only");
export type EntityId = z.infer<typeof EntityId>;

/**
 * ISO-8601 instant with an explicit offset ("Z" or "+02:00"). Times are data, never used to
 * order writes, so any year is accepted, including a watch that believes it is 1970.
 */
export const IsoDateTime = z.iso.datetime({ offset: true });
export type IsoDateTime = z.infer<typeof IsoDateTime>;

/** Calendar date (YYYY-MM-DD), used for runs and assessments. */
export const IsoDate = z.iso.date();
export type IsoDate = z.infer<typeof IsoDate>;

export const Platform = z.enum(["zepp", "fitbit", "web", "sim", "cli"]);
export type Platform = z.infer<typeof Platform>;

export const Side = z.enum(["left", "right"]);
export type Side = z.infer<typeof Side>;

export const SetMode = z.enum(["reps", "hold", "amrap"]);
export type SetMode = z.infer<typeof SetMode>;

export const Rpe = z.number().int().min(1).max(10);

export const RunKind = z.enum(["easy", "long", "tempo", "intervals", "race", "other"]);
export type RunKind = z.infer<typeof RunKind>;

export const Units = z.enum(["metric", "imperial"]);
export type Units = z.infer<typeof Units>;

/** Short free text shown in lists (names, labels). */
export const ShortText = z.string().trim().min(1).max(120);
/** Longer free text (notes). */
export const NoteText = z.string().max(2000);

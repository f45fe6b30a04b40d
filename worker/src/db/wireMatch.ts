// Compile-time proof that the Drizzle tables and the shared wire records describe the same
// fields: adding, renaming or retyping a column on one side only fails `tsc`.
import type {
  AssessmentRecord,
  RunRecord,
  SessionRecord,
  SetRecord,
  SettingsRecord,
} from "@runstrong/shared/schemas";
import type { assessments, plans, runs, sessions, sets, settings } from "./schema.ts";

type Snake<S extends string> = S extends `${infer H}${infer T}`
  ? `${H extends Lowercase<H> ? H : `_${Lowercase<H>}`}${Snake<T>}`
  : S;
type SnakeRow<T> = { [K in keyof T as Snake<K & string>]: T[K] };
/** Columns that exist only on the server: ownership and provenance. */
type ServerOnly = "user_id" | "device_id";

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Every record field is a column (same name, compatible type) and every column a field. */
type Matches<Row, Rec> =
  Same<Exclude<keyof SnakeRow<Row>, ServerOnly>, keyof Rec> extends true
    ? {
        [K in keyof Rec]-?: K extends keyof SnakeRow<Row>
          ? // An optional record field (absent when unknown) is a nullable column.
            Exclude<Rec[K], undefined> extends SnakeRow<Row>[K]
            ? true
            : K
          : K;
      }[keyof Rec]
    : ["field sets differ", Exclude<keyof SnakeRow<Row>, ServerOnly>, keyof Rec];

type Assert<T extends true> = T;

export type WireMatches = [
  Assert<Matches<typeof sessions.$inferSelect, SessionRecord>>,
  Assert<Matches<typeof sets.$inferSelect, SetRecord>>,
  Assert<Matches<typeof runs.$inferSelect, RunRecord>>,
  Assert<Matches<typeof assessments.$inferSelect, AssessmentRecord>>,
  Assert<Matches<typeof settings.$inferSelect, SettingsRecord>>,
  // Plans keep their body as JSON text: every other field must still match.
  Assert<
    Matches<
      Omit<typeof plans.$inferSelect, "body">,
      Omit<import("@runstrong/shared/schemas").PlanRecord, "plan">
    >
  >,
];

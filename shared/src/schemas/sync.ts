// Push and pull bodies of the sync protocol (schema 1).
import { z } from "zod";
import { canonicalKinds, SYNC_KINDS, type SyncKind } from "../sync/kinds.ts";
import {
  AssessmentRecord,
  PlanRecord,
  RunRecord,
  SessionRecord,
  SetRecord,
  SettingsRecord,
} from "./entities.ts";
import { MutationEnvelope } from "./mutations.ts";

/** Most mutations one push may carry; more is 413 `too_large`. */
export const MAX_PUSH_MUTATIONS = 200;
/** Largest push body in bytes; more is 413 `too_large`. */
export const MAX_PUSH_BYTES = 256 * 1024;

export const PushRequest = z.object({
  schema: z.literal(1),
  mutations: z.array(MutationEnvelope),
});
export type PushRequest = z.infer<typeof PushRequest>;

export const AckStatus = z.enum(["applied", "duplicate", "rejected", "conflict"]);
export type AckStatus = z.infer<typeof AckStatus>;

export const Ack = z.object({
  seq: z.number().int(),
  status: AckStatus,
  error: z.string().optional(),
  current: z.unknown().optional(),
});
export type Ack = z.infer<typeof Ack>;

export const PushResponse = z.object({
  acks: z.array(Ack),
  last_seq: z.number().int().min(0),
  cursor: z.string(),
  /** The device the push counted against (a browser learns its own device this way). */
  device_id: z.string().optional(),
});
export type PushResponse = z.infer<typeof PushResponse>;

export const PULL_DEFAULT_LIMIT = 500;
export const PULL_MAX_LIMIT = 1000;

const KIND_NAMES = SYNC_KINDS.join(", ");
const isKind = (name: string): name is SyncKind => (SYNC_KINDS as readonly string[]).includes(name);

/**
 * `kinds=plans,settings`: the kinds a pull reads, as a comma-separated list (spaces and empty
 * entries ignored, order and repeats irrelevant). Parses to the kinds in canonical order.
 */
export const PullKinds = z
  .string({ error: `Give kinds once, as a comma-separated list of ${KIND_NAMES}.` })
  .max(200, { error: `The kinds parameter is too long: name some of ${KIND_NAMES}.` })
  .transform((text, ctx): SyncKind[] => {
    const names = text
      .split(",")
      .map((n) => n.trim())
      .filter((n) => n !== "");
    const unknown = names.find((n) => !isKind(n));
    if (unknown !== undefined || names.length === 0) {
      ctx.addIssue({
        code: "custom",
        message:
          unknown !== undefined
            ? `Unknown kind ${JSON.stringify(unknown)} in kinds: name any of ${KIND_NAMES}, separated by commas.`
            : `The kinds parameter names no kind: name any of ${KIND_NAMES}, separated by commas.`,
      });
      return z.NEVER;
    }
    return canonicalKinds(names.filter(isKind));
  })
  .describe(
    `Pull only these kinds (comma-separated: ${KIND_NAMES}); the other groups of changes come back empty. The cursor of a filtered pull covers only its kinds.`,
  );

export const PullQuery = z.object({
  cursor: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(PULL_MAX_LIMIT).default(PULL_DEFAULT_LIMIT),
  kinds: PullKinds.optional(),
});
export type PullQuery = z.infer<typeof PullQuery>;

export const Changes = z.object({
  plans: z.array(PlanRecord),
  sessions: z.array(SessionRecord),
  sets: z.array(SetRecord),
  runs: z.array(RunRecord),
  assessments: z.array(AssessmentRecord),
  settings: z.array(SettingsRecord),
});
export type Changes = z.infer<typeof Changes>;

export const PullPage = z.object({
  changes: Changes,
  cursor: z.string(),
  has_more: z.boolean(),
  last_seq: z.number().int().min(0),
  /** The device whose last_seq this is. */
  device_id: z.string().optional(),
});
export type PullPage = z.infer<typeof PullPage>;

export const PullReset = z.object({ reset: z.literal(true) });
export type PullReset = z.infer<typeof PullReset>;

export const PullResponse = z.union([PullPage, PullReset]);
export type PullResponse = z.infer<typeof PullResponse>;

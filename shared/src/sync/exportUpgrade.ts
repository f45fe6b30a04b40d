// Reads an export document of any version: checks it is one, upgrades it step by step to the
// current version, validates it, and words every problem as a sentence naming the item.
import type { z } from "zod";
import type { Issue } from "../schemas/errors.ts";
import { EXPORT_FORMAT, EXPORT_VERSION, ExportDocument } from "../schemas/exportDocument.ts";

type Json = Record<string, unknown>;

export type ReadExport =
  | { ok: true; document: ExportDocument; fromVersion: number }
  | { ok: false; problems: Issue[] };

/**
 * Version history. Each entry turns a document of version n into version n + 1:
 *
 * - v0 → v1. Version 0 is the shape early builds wrote: it had no `settings` (the account's
 *   settings were not exported; they become null, so an import keeps the account's own), a run
 *   carried its distance in kilometres as `distance_km` (now metres, `distance_m`, like the sync
 *   protocol), and a plan carried its body as `body` (now `plan`, like the pull).
 */
const UPGRADES: ((doc: Json) => Json)[] = [
  (v0) => ({
    ...v0,
    version: 1,
    settings: v0.settings ?? null,
    runs: list(v0.runs).map((run) => {
      if (!isObject(run) || !("distance_km" in run)) return run;
      const { distance_km: km, ...rest } = run;
      // Whole millimetres: km × 1000 in floating point would turn 12.3456 into 12345.599….
      return { ...rest, distance_m: typeof km === "number" ? Math.round(km * 1e6) / 1e3 : km };
    }),
    plans: list(v0.plans).map((plan) => {
      if (!isObject(plan) || !("body" in plan)) return plan;
      const { body, ...rest } = plan;
      return { ...rest, plan: body };
    }),
  }),
];

const isObject = (v: unknown): v is Json =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const problem = (path: string, message: string): ReadExport => ({
  ok: false,
  problems: [{ path, message }],
});

export function readExportDocument(raw: unknown): ReadExport {
  if (!isObject(raw) || raw.format !== EXPORT_FORMAT) {
    return problem(
      "format",
      `This is not a runstrong export: an export is a JSON object with "format": "${EXPORT_FORMAT}".`,
    );
  }
  const version = raw.version;
  if (typeof version !== "number" || !Number.isInteger(version) || version < 0) {
    return problem("version", "This export has no version number, so it cannot be read.");
  }
  if (version > EXPORT_VERSION) {
    return problem(
      "version",
      `This export was written by a newer runstrong (version ${version}); this server reads versions 0 to ${EXPORT_VERSION}.`,
    );
  }
  let doc: Json = raw;
  for (let v = version; v < EXPORT_VERSION; v++) doc = (UPGRADES[v] as (d: Json) => Json)(doc);
  const parsed = ExportDocument.safeParse(doc);
  if (parsed.success) return { ok: true, document: parsed.data, fromVersion: version };
  return {
    ok: false,
    problems: parsed.error.issues.map((i) => ({
      path: i.path.map(String).join("."),
      message: describeIssue(doc, i),
    })),
  };
}

const SINGULAR: Record<string, string> = {
  plans: "Plan",
  sessions: "Session",
  sets: "Set",
  runs: "Run",
  assessments: "Assessment",
};

/** "Set 4 (id "s-4")": how a person finds an item of the document. */
export function itemName(kind: string, index: number, id: unknown): string {
  const name = `${SINGULAR[kind] ?? kind} ${index + 1}`;
  return typeof id === "string" ? `${name} (id "${id}")` : name;
}

/** One zod issue of the document as a sentence: which item, which field, what is wrong. */
function describeIssue(doc: Json, issue: z.core.$ZodIssue): string {
  const [kind, index, ...field] = issue.path.map(String);
  const what = issue.path.length === 0 ? "The document" : `The document's "${kind}"`;
  if (kind && index !== undefined && SINGULAR[kind] && /^\d+$/.test(index)) {
    const item = list(doc[kind])[Number(index)];
    const subject = itemName(kind, Number(index), isObject(item) ? item.id : undefined);
    if (field.length === 0) return `${subject} ${fault(issue)}.`;
    return `${subject}: its ${field.join(".")} ${fault(issue)}.`;
  }
  if (kind === "settings" && index !== undefined) {
    return `The settings: ${[index, ...field].join(".")} ${fault(issue)}.`;
  }
  return `${what} ${fault(issue)}.`;
}

const TYPE_WORDS: Record<string, string> = {
  number: "a number",
  int: "a whole number",
  string: "text",
  array: "a list",
  object: "an object",
  boolean: "true or false",
};

/** What is wrong, as the end of a sentence ("is missing", "must be at least 0"). */
export function fault(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      if (/received undefined/.test(issue.message)) return "is missing";
      if (/received null/.test(issue.message)) return "is empty but must be set";
      return `should be ${TYPE_WORDS[issue.expected] ?? issue.expected}`;
    case "too_small":
      return issue.origin === "string"
        ? `must have at least ${issue.minimum} character${issue.minimum === 1 ? "" : "s"}`
        : `must be at least ${issue.minimum}`;
    case "too_big":
      return issue.origin === "string"
        ? `must have at most ${issue.maximum} characters`
        : `must be at most ${issue.maximum}`;
    case "invalid_value":
      return issue.values.length === 1
        ? `must be ${JSON.stringify(issue.values[0])}`
        : `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "invalid_format":
      if (issue.format === "datetime")
        return "is not a date and time with an offset, like 2026-03-01T07:30:00Z";
      if (issue.format === "date") return "is not a date like 2026-03-01";
      return `is not valid (${issue.message})`;
    default:
      return `is not valid (${issue.message})`;
  }
}

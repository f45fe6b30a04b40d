// GET /export (the account as one JSON document), GET /export/{sets,runs,assessments}.csv and
// POST /import (a document of any export version into the caller's account): thin handlers.
import { createRoute, z } from "@hono/zod-openapi";
import {
  ExportDocument,
  ImportResponse,
  MAX_IMPORT_BYTES,
  type Units,
} from "@runstrong/shared/schemas";
import { readExportDocument } from "@runstrong/shared/sync";
import type { Context } from "hono";
import type { AppEnv } from "../../appEnv.ts";
import { requireAuth } from "../../auth/principal.ts";
import { ApiError } from "../../http/apiError.ts";
import { readCappedBody } from "../../http/cappedBody.ts";
import { localDate, safeTimeZone } from "../../web/format.ts";
import { pickErrors } from "../errorResponses.ts";
import { openApiRouter } from "../openApiRouter.ts";
import { jsonResponse, SIGNED_IN } from "../routeParts.ts";
import { pushingDeviceId } from "../sync/webDevice.ts";
import { assessmentsCsv, runsCsv, setsCsv } from "./csvTables.ts";
import { loadExport } from "./exportStore.ts";
import { importDocument } from "./importStore.ts";

const csv = (description: string) => ({
  description: `${description} (UTF-8: Content-Type text/csv; charset=utf-8)`,
  content: { "text/csv": { schema: z.string() } },
});

const exportJson = createRoute({
  method: "get",
  path: "/",
  tags: ["Data"],
  summary: "Everything the account owns, as one versioned JSON document (a download)",
  description:
    "Plans, sessions, sets, runs, assessments and settings in their pull shape without the sync " +
    "bookkeeping (version, deleted, a plan's rev); deleted rows are left out. POST /import takes it back.",
  security: SIGNED_IN,
  responses: { 200: jsonResponse("The export document", ExportDocument), ...pickErrors(401) },
});

const csvRoute = (path: string, what: string) =>
  createRoute({
    method: "get",
    path,
    tags: ["Data"],
    summary: `The account's ${what} as CSV (RFC 4180, UTF-8, a header row, ISO dates)`,
    description:
      "Text that starts like a spreadsheet formula (=, +, -, @) gets a leading apostrophe; numbers are written as they are.",
    security: SIGNED_IN,
    responses: { 200: csv(`One row per ${what.replace(/s$/, "")}`), ...pickErrors(401) },
  });

const importRoute = createRoute({
  method: "post",
  path: "/",
  tags: ["Data"],
  summary: "Import an export document (≤ 10 MiB) into the caller's account",
  description:
    "Ids are kept. Rows the account already has (or has deleted) are skipped, so importing the " +
    "same document twice imports nothing the second time. Documents of older export versions are " +
    "upgraded first. A bad document changes nothing: 400 invalid_body with a sentence per problem. " +
    "The rows are applied by the sync push rules as the importing device (without using up its seqs), in one " +
    "transaction, so every device gets them by pull.",
  security: SIGNED_IN,
  request: {
    body: {
      required: true,
      // A reference, not the zod schema: an older version must reach the upgrade, not a validator.
      content: { "application/json": { schema: { $ref: "#/components/schemas/ExportDocument" } } },
    },
  },
  responses: {
    200: jsonResponse("What was imported and what was already there, per kind", ImportResponse),
    ...pickErrors(400, 401, 403, 413, 415),
  },
});

const JSON_TYPE = /^application\/([\w.-]+\+)?json$/i;

/** The account's zone (for dates and file names): the export's settings, or UTC. */
const zoneOf = (settings: ExportDocument["settings"]) =>
  safeTimeZone(settings?.time_zone ?? undefined);

async function exportOf(c: Context<AppEnv>) {
  const doc = await loadExport(c.env.DB, c.get("principal").userId, c.get("now"));
  const day = localDate(c.get("now"), zoneOf(doc.settings));
  const download = (name: string) => ({
    "Content-Disposition": `attachment; filename="runstrong-${name}-${day}.${name === "export" ? "json" : "csv"}"`,
  });
  return { doc, download };
}

const csvHeaders = { "Content-Type": "text/csv; charset=utf-8" };

export const exportRoutes = openApiRouter();
exportRoutes.use(requireAuth());
exportRoutes.openAPIRegistry.register("ExportDocument", ExportDocument);
exportRoutes
  .openapi(exportJson, async (c) => {
    const { doc, download } = await exportOf(c);
    return c.json(doc, 200, download("export"));
  })
  .openapi(csvRoute("/sets.csv", "sets"), async (c) => {
    const { doc, download } = await exportOf(c);
    const units: Units = doc.settings?.units ?? "metric";
    return c.body(setsCsv(doc, units, zoneOf(doc.settings)), 200, {
      ...csvHeaders,
      ...download("sets"),
    });
  })
  .openapi(csvRoute("/runs.csv", "runs"), async (c) => {
    const { doc, download } = await exportOf(c);
    return c.body(runsCsv(doc), 200, { ...csvHeaders, ...download("runs") });
  })
  .openapi(csvRoute("/assessments.csv", "assessments"), async (c) => {
    const { doc, download } = await exportOf(c);
    return c.body(assessmentsCsv(doc), 200, { ...csvHeaders, ...download("assessments") });
  });

function refused(problems: { path: string; message: string }[]): ApiError {
  const [first] = problems;
  const more =
    problems.length > 1
      ? ` There ${problems.length === 2 ? "is 1 more problem" : `are ${problems.length - 1} more problems`}.`
      : "";
  return new ApiError(
    400,
    "invalid_body",
    `Nothing was imported. ${first?.message ?? "The file is not a runstrong export."}${more}`,
    // Enough to fix a file by; a document with thousands of bad rows would otherwise echo them all.
    { issues: problems.slice(0, 100) },
  );
}

export const importRoutes = openApiRouter();
importRoutes.use(requireAuth());
importRoutes.openapi(importRoute, async (c) => {
  const mediaType = (c.req.header("content-type") ?? "").split(";")[0]?.trim() ?? "";
  if (!JSON_TYPE.test(mediaType)) {
    throw new ApiError(
      415,
      "unsupported_media_type",
      "An import is the JSON file runstrong exports: send it as application/json.",
    );
  }
  const bytes = await readCappedBody(c.req.raw, MAX_IMPORT_BYTES);
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw refused([
      { path: "", message: "This file is not valid JSON, so it cannot be a runstrong export." },
    ]);
  }
  const read = readExportDocument(raw);
  if (!read.ok) throw refused(read.problems);
  const ctx = {
    userId: c.get("principal").userId,
    deviceId: await pushingDeviceId(c),
    now: c.get("now"),
  };
  const result = await importDocument(c.env.DB, ctx, read.document);
  if (!result.ok) throw refused(result.problems);
  return c.json(result.counts, 200);
});

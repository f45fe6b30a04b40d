// GET /export (the account as one JSON document), GET /export/{sets,runs,assessments}.csv and
// POST /import (a document of any export version into the caller's account). The route specs
// (the OpenAPI document) and their wiring; the handlers are in dataExport.handlers.ts.
import { createRoute, z } from "@hono/zod-openapi";
import { ExportDocument, ImportResponse } from "@runstrong/shared/schemas";
import { requireAuth } from "../../auth/principal.ts";
import { pickErrors } from "../errorResponses.ts";
import { openApiRouter } from "../openApiRouter.ts";
import { jsonResponse, SIGNED_IN } from "../routeParts.ts";
import {
  exportAccount,
  exportAssessmentsCsv,
  exportRunsCsv,
  exportSetsCsv,
  importAccount,
} from "./dataExport.handlers.ts";

const csv = (description: string) => ({
  description: `${description} (UTF-8: Content-Type text/csv; charset=utf-8)`,
  content: { "text/csv": { schema: z.string() } },
});

export const exportJsonRoute = createRoute({
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

export const setsCsvRoute = csvRoute("/sets.csv", "sets");
export const runsCsvRoute = csvRoute("/runs.csv", "runs");
export const assessmentsCsvRoute = csvRoute("/assessments.csv", "assessments");

export const importRoute = createRoute({
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
    ...pickErrors(400, 401, 403, 413, 415, 429),
  },
});

export const exportRoutes = openApiRouter();
exportRoutes.use(requireAuth());
exportRoutes.openAPIRegistry.register("ExportDocument", ExportDocument);
exportRoutes
  .openapi(exportJsonRoute, exportAccount)
  .openapi(setsCsvRoute, exportSetsCsv)
  .openapi(runsCsvRoute, exportRunsCsv)
  .openapi(assessmentsCsvRoute, exportAssessmentsCsv);

export const importRoutes = openApiRouter();
importRoutes.use(requireAuth());
importRoutes.openapi(importRoute, importAccount);

// Handlers of the export and import routes (specs and wiring in dataExport.routes.ts).
import type { RouteHandler } from "@hono/zod-openapi";
import type { ExportDocument, Units } from "@runstrong/shared/schemas";
import type { Context } from "hono";
import type { AppEnv } from "../../appEnv.ts";
import { localDate, safeTimeZone } from "../../web/format.ts";
import { pushingDeviceId } from "../sync/webDevice.ts";
import { assessmentsCsv, runsCsv, setsCsv } from "./csvTables.ts";
import type {
  assessmentsCsvRoute,
  exportJsonRoute,
  importRoute,
  runsCsvRoute,
  setsCsvRoute,
} from "./dataExport.routes.ts";
import { loadExport } from "./exportStore.ts";
import { importRefused, readImportRequest } from "./importRequest.ts";
import { importDocument } from "./importStore.ts";

/** The account's zone (for dates and file names): the export's settings, or UTC. */
const zoneOf = (settings: ExportDocument["settings"]) =>
  safeTimeZone(settings?.time_zone ?? undefined);

async function exportOf(c: Context<AppEnv>) {
  const doc = await loadExport(c.get("d1"), c.get("principal").userId, c.get("now"));
  const day = localDate(c.get("now"), zoneOf(doc.settings));
  const download = (name: string) => ({
    "Content-Disposition": `attachment; filename="runstrong-${name}-${day}.${name === "export" ? "json" : "csv"}"`,
  });
  return { doc, download };
}

const csvHeaders = { "Content-Type": "text/csv; charset=utf-8" };

export const exportAccount: RouteHandler<typeof exportJsonRoute, AppEnv> = async (c) => {
  const { doc, download } = await exportOf(c);
  return c.json(doc, 200, download("export"));
};

export const exportSetsCsv: RouteHandler<typeof setsCsvRoute, AppEnv> = async (c) => {
  const { doc, download } = await exportOf(c);
  const units: Units = doc.settings?.units ?? "metric";
  return c.body(setsCsv(doc, units, zoneOf(doc.settings)), 200, {
    ...csvHeaders,
    ...download("sets"),
  });
};

export const exportRunsCsv: RouteHandler<typeof runsCsvRoute, AppEnv> = async (c) => {
  const { doc, download } = await exportOf(c);
  return c.body(runsCsv(doc), 200, { ...csvHeaders, ...download("runs") });
};

export const exportAssessmentsCsv: RouteHandler<typeof assessmentsCsvRoute, AppEnv> = async (c) => {
  const { doc, download } = await exportOf(c);
  return c.body(assessmentsCsv(doc), 200, { ...csvHeaders, ...download("assessments") });
};

export const importAccount: RouteHandler<typeof importRoute, AppEnv> = async (c) => {
  // The document is read first: a refused import makes no device for a new browser.
  const document = await readImportRequest(c.req.raw);
  const ctx = {
    userId: c.get("principal").userId,
    deviceId: await pushingDeviceId(c),
    now: c.get("now"),
  };
  const result = await importDocument(c.get("d1"), ctx, document);
  if (!result.ok) throw importRefused(result.problems);
  return c.json(result.counts, 200);
};

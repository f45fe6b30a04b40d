// Handlers of the run import route (spec and wiring in runs.routes.ts).
import type { RouteHandler } from "@hono/zod-openapi";
import { MAX_RUN_FILE_BYTES } from "@runstrong/shared/schemas";
import type { AppEnv } from "../../appEnv.ts";
import { readPlanSettings } from "../../db/trainingHistory.ts";
import { FIT_TYPE, GPX_TYPE, type RunFileType, runFromFile } from "../../formats/runImport.ts";
import { ApiError } from "../../http/apiError.ts";
import { readCappedBody } from "../../http/cappedBody.ts";
import { storeImportedRun } from "./importedRunStore.ts";
import type { importRunRoute } from "./runs.routes.ts";

const fileTooLarge = (maxBytes: number) =>
  new ApiError(
    413,
    "too_large",
    `The file is over the limit of ${Math.round(maxBytes / 1024 / 1024)} MiB.`,
  );

function mediaType(header: string | undefined): RunFileType | null {
  const type = (header ?? "").split(";")[0]?.trim().toLowerCase();
  return type === FIT_TYPE || type === GPX_TYPE ? type : null;
}

/** The X-File-Name header, URL-decoded; an undecodable one is used as sent. */
function fileName(header: string | undefined): string | null {
  if (!header) return null;
  try {
    return decodeURIComponent(header);
  } catch {
    return header;
  }
}

export const importRun: RouteHandler<typeof importRunRoute, AppEnv> = async (c) => {
  const type = mediaType(c.req.header("content-type"));
  if (!type) {
    throw new ApiError(
      415,
      "unsupported_media_type",
      "Send a run as a FIT file (Content-Type: application/vnd.ant.fit) or a GPX file (application/gpx+xml).",
    );
  }
  const bytes = await readCappedBody(c.req.raw, MAX_RUN_FILE_BYTES, fileTooLarge);
  const { timeZone } = await readPlanSettings(c.get("db"), c.get("principal").userId);
  const parsed = runFromFile(type, bytes, fileName(c.req.header("x-file-name")), timeZone);
  if (!parsed.ok) throw new ApiError(400, "invalid_file", parsed.message);
  const stored = await storeImportedRun(c, bytes, parsed.run);
  if (!stored) {
    throw new ApiError(
      400,
      "invalid_file",
      "This file has been imported and deleted too many times to import it again.",
    );
  }
  return stored.duplicate
    ? c.json({ run: stored.run, duplicate: true as const }, 200)
    : c.json({ run: stored.run }, 201);
};

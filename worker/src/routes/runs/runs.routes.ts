// POST /runs/import: a GPX or FIT file becomes a run in the running log, stored through the
// push rules like a synced run.log so it reaches every device by pull.
import { createRoute } from "@hono/zod-openapi";
import { ErrorBody, MAX_RUN_FILE_BYTES, RunImportResponse } from "@runstrong/shared/schemas";
import { requireAuth } from "../../auth/principal.ts";
import { readPlanSettings } from "../../db/trainingHistory.ts";
import { FIT_TYPE, GPX_TYPE, type RunFileType, runFromFile } from "../../formats/runImport.ts";
import { ApiError } from "../../http/apiError.ts";
import { readCappedBody } from "../../http/cappedBody.ts";
import { pickErrors } from "../errorResponses.ts";
import { openApiRouter } from "../openApiRouter.ts";
import { jsonResponse, SIGNED_IN } from "../routeParts.ts";

const fileTooLarge = (maxBytes: number) =>
  new ApiError(
    413,
    "too_large",
    `The file is over the limit of ${Math.round(maxBytes / 1024 / 1024)} MiB.`,
  );

import { storeImportedRun } from "./importedRunStore.ts";

const errorJson = (description: string) => ({
  description,
  content: { "application/json": { schema: ErrorBody } },
});
const file = { schema: { type: "string" as const, format: "binary" } };

const importRun = createRoute({
  method: "post",
  path: "/import",
  tags: ["Data in and out"],
  summary: "Import a run from a GPX 1.1 or FIT activity file",
  description:
    "Raw body of at most 10 MiB. The file's name may come URL-encoded in `X-File-Name`; it " +
    "becomes the run's note. Date (start, in the user's time zone), distance, moving time and " +
    "average heart rate come from the file; the kind is guessed from the pace and can be " +
    "changed afterwards. The same file again answers 200 with `duplicate: true` and stores " +
    "nothing. A damaged file or an activity that is not a run: 400 invalid_file, nothing stored.",
  security: SIGNED_IN,
  request: {
    body: { required: true, content: { [FIT_TYPE]: file, [GPX_TYPE]: file } },
  },
  responses: {
    200: jsonResponse("Imported before: the run that file became", RunImportResponse),
    201: jsonResponse("The new run", RunImportResponse),
    400: errorJson("invalid_file: not a readable GPX or FIT run"),
    413: errorJson("The file is over 10 MiB"),
    415: errorJson("Neither application/vnd.ant.fit nor application/gpx+xml"),
    ...pickErrors(401, 403),
  },
});

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

export const runImportRoutes = openApiRouter();
runImportRoutes.use(requireAuth());
runImportRoutes.openapi(importRun, async (c) => {
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
});

// POST /runs/import: a GPX or FIT file becomes a run in the running log, stored through the
// push rules like a synced run.log so it reaches every device by pull. The route spec (the
// OpenAPI document) and its wiring; the handler is in runs.handlers.ts.
import { createRoute } from "@hono/zod-openapi";
import { ErrorBody, RunImportResponse } from "@runstrong/shared/schemas";
import { requireAuth } from "../../auth/principal.ts";
import { FIT_TYPE, GPX_TYPE } from "../../formats/runImport.ts";
import { pickErrors } from "../errorResponses.ts";
import { openApiRouter } from "../openApiRouter.ts";
import { jsonResponse, SIGNED_IN } from "../routeParts.ts";
import { importRun } from "./runs.handlers.ts";

const errorJson = (description: string) => ({
  description,
  content: { "application/json": { schema: ErrorBody } },
});
const file = { schema: { type: "string" as const, format: "binary" } };

export const importRunRoute = createRoute({
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
    ...pickErrors(401, 403, 429),
  },
});

export const runImportRoutes = openApiRouter();
runImportRoutes.use(requireAuth());
runImportRoutes.openapi(importRunRoute, importRun);

// What POST /import carries: the JSON file runstrong exports (any export version), read within
// the size limit and upgraded to the current document. Every refusal is a sentence and comes
// before anything is written.
import { type ExportDocument, type Issue, MAX_IMPORT_BYTES } from "@runstrong/shared/schemas";
import { readExportDocument } from "@runstrong/shared/sync";
import { ApiError } from "../../http/apiError.ts";
import { readCappedBody } from "../../http/cappedBody.ts";

const JSON_TYPE = /^application\/([\w.-]+\+)?json$/i;

/** 400 invalid_body: the first problem as the message, the others counted and listed. */
export function importRefused(problems: Issue[]): ApiError {
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

/** The request's export document; throws 415, 413 or 400 invalid_body when it has none. */
export async function readImportRequest(req: Request): Promise<ExportDocument> {
  const mediaType = (req.headers.get("content-type") ?? "").split(";")[0]?.trim() ?? "";
  if (!JSON_TYPE.test(mediaType)) {
    throw new ApiError(
      415,
      "unsupported_media_type",
      "An import is the JSON file runstrong exports: send it as application/json.",
    );
  }
  const bytes = await readCappedBody(req, MAX_IMPORT_BYTES);
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw importRefused([
      { path: "", message: "This file is not valid JSON, so it cannot be a runstrong export." },
    ]);
  }
  const read = readExportDocument(raw);
  if (!read.ok) throw importRefused(read.problems);
  return read.document;
}

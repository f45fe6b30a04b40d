// The run import's rules free of the DOM: which files go up as what, and the sentence the page
// shows for each answer of POST /runs/import.
import type { RunRecord } from "@runstrong/shared/schemas";
import { distance, type Units } from "../../format.ts";

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const FIT_TYPE = "application/vnd.ant.fit";
export const GPX_TYPE = "application/gpx+xml";

export type FileCheck = { ok: true; type: string } | { ok: false; message: string };

/** The Content-Type a file goes up with, by its extension (browsers rarely know these types). */
export function runFileType(name: string, size: number): FileCheck {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  const type = ext === "fit" ? FIT_TYPE : ext === "gpx" ? GPX_TYPE : null;
  if (!type) {
    return { ok: false, message: `${name} is not a .fit or .gpx file: choose a FIT or GPX run.` };
  }
  if (size > MAX_FILE_BYTES) {
    return { ok: false, message: `${name} is over 10 MB, more than a run file needs.` };
  }
  return { ok: true, type };
}

export type ImportAnswer =
  | { ok: true; run: RunRecord; duplicate: boolean; message: string }
  | { ok: false; message: string };

// biome-ignore lint/suspicious/noExplicitAny: the answer is read field by field below.
export function importAnswer(status: number, body: any, units: Units): ImportAnswer {
  const run = body?.run as RunRecord | undefined;
  if ((status === 200 || status === 201) && run) {
    const what = `${distance(run.distance_m, units)} on ${run.date}`;
    return status === 200
      ? {
          ok: true,
          run,
          duplicate: true,
          message: `You imported this file before: it is the run of ${what}.`,
        }
      : {
          ok: true,
          run,
          duplicate: false,
          message: `Imported ${what}. Its kind is a guess: edit the run if it is wrong.`,
        };
  }
  if (status === 0) return { ok: false, message: "You seem to be offline; nothing was sent." };
  const message = typeof body?.message === "string" ? body.message : null;
  return {
    ok: false,
    message: message ?? `The import failed (the server answered ${status}); nothing was stored.`,
  };
}

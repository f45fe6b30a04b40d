// Turns zod validation failures of any route into 400 invalid_body / invalid_query with issues.
import type { z } from "zod";
import { ApiError } from "./apiError.ts";

type HookResult = { success: true } | { success: false; error: z.ZodError; target: string };

export function validationHook(result: HookResult): void {
  if (result.success) return;
  const issues = result.error.issues.map((i) => ({
    path: i.path.map(String).join("."),
    message: i.message,
  }));
  const isQuery = result.target === "query" || result.target === "param";
  const where = isQuery ? "query" : "body";
  const first = issues[0];
  const summary = first ? `${first.path ? `${first.path}: ` : ""}${first.message}` : "invalid";
  // Schemas whose messages are written for people (full sentences) are passed on as they are.
  const sentence = first !== undefined && /^[A-Z].*[.!?]$/.test(first.message);
  throw new ApiError(
    400,
    isQuery ? "invalid_query" : "invalid_body",
    sentence ? first.message : `The request ${where} does not match the schema (${summary}).`,
    { issues },
  );
}

// OpenAPI response entries shared by route definitions.
import { ErrorBody } from "@runstrong/shared/schemas";

const json = (description: string) => ({
  description,
  content: { "application/json": { schema: ErrorBody } },
});

export const errors = {
  400: json("Body or query does not match the schema"),
  401: json("Missing, unknown, expired or revoked credential"),
  403: json("Cross-site request refused"),
  404: json("Not found (or another user's)"),
  409: json("Conflict"),
  413: json("Body too large"),
  415: json("Not JSON"),
  429: json("Rate limited, or the account is being moved between stores; see Retry-After"),
} as const;

export function pickErrors<K extends keyof typeof errors>(...codes: K[]) {
  return Object.fromEntries(codes.map((k) => [k, errors[k]])) as Pick<typeof errors, K>;
}

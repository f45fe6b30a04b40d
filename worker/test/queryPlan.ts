// Asking SQLite's query planner about the statements a piece of code prepares, for the tests
// that hold a push and the pages to the same cost whatever the account's history.
import { env } from "cloudflare:workers";

/** A D1 that records the SQL of every statement prepared through it. */
export function recording(d1: D1Database): { db: D1Database; sql: string[] } {
  const sql: string[] = [];
  const db = new Proxy(d1, {
    get(target, key) {
      if (key === "prepare") {
        return (query: string) => {
          sql.push(query);
          return target.prepare(query);
        };
      }
      const value = Reflect.get(target, key);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { db, sql };
}

/** The steps of EXPLAIN QUERY PLAN for `sql`, on the test database with the real migrations. */
export async function queryPlan(sql: string): Promise<string[]> {
  // D1 wants every parameter bound; the values do not change the plan's shape. "[]" also reads
  // as an empty JSON array for json_each. Numbered parameters may repeat, plain ones may not.
  const numbered = [...sql.matchAll(/\?(\d+)/g)].map((m) => Number(m[1]));
  const count = numbered.length > 0 ? Math.max(...numbered) : sql.split("?").length - 1;
  const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .bind(...Array.from({ length: count }, () => "[]"))
    .all<{ detail: string }>();
  return results.map((r) => r.detail);
}

/**
 * A plan step that walks one of `tables` with no key or bound: a full scan, or an index used
 * for its user_id prefix alone (with `deleted`, still all of the user's rows).
 */
export function walksHistory(step: string, tables: readonly string[]): boolean {
  const history = `(?:${tables.join("|")})`;
  if (new RegExp(`^SCAN ${history}\\b`).test(step)) return true;
  return new RegExp(
    `^SEARCH ${history} USING (?:COVERING )?INDEX \\w+ \\(user_id=\\?(?: AND deleted=\\?)?\\)$`,
  ).test(step);
}

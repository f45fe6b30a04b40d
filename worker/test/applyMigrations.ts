// Applies the drizzle-kit migrations to every test D1 store (DB is store 0, DB_1 store 1)
// before the tests, as deploys do: every store has the same schema.
import { applyD1Migrations, type D1Migration } from "cloudflare:test";
import { env } from "cloudflare:workers";

const migrations = (env as unknown as { TEST_MIGRATIONS: D1Migration[] }).TEST_MIGRATIONS;
await applyD1Migrations(env.DB, migrations);
await applyD1Migrations(env.DB_1, migrations);

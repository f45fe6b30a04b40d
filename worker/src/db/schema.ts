// D1 tables (Drizzle). Synced tables are keyed by (user_id, id) so one user's ids can never
// collide with, overwrite or reveal another's, and carry (user_id, version) for pulls.
import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

export const users = sqliteTable("users", {
  id: text("id").primaryKey(),
  email: text("email").notNull().unique(),
  passwordHash: text("password_hash").notNull(),
  createdAt: integer("created_at").notNull(),
});

/** Per-user sync counter and epoch: the version is bumped once inside every committed push. */
export const syncState = sqliteTable(
  "sync_state",
  {
    userId: text("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    version: integer("version").notNull().default(0),
    epoch: text("epoch").notNull(),
    /** Tombstones at or below this version may have been purged; older cursors must reset. */
    tombstoneHorizon: integer("tombstone_horizon").notNull().default(0),
  },
  // A push that lost the race for the next version writes -1: the check rolls its batch back.
  (t) => [check("sync_state_version_cas", sql`${t.version} >= 0`)],
);

/** Deletes that arrived before the set or run they delete; the late insert lands deleted. */
export const tombstones = sqliteTable(
  "tombstones",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    version: integer("version").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);

export const authSessions = sqliteTable(
  "auth_sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The web view pushes as a device of its own, created on first push of this session. */
    deviceId: text("device_id"),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("auth_sessions_user_idx").on(t.userId)],
);

export const devices = sqliteTable(
  "devices",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    platform: text("platform").notNull(),
    tokenHash: text("token_hash").unique(),
    lastSeq: integer("last_seq").notNull().default(0),
    lastSeen: integer("last_seen"),
    createdAt: integer("created_at").notNull(),
    revokedAt: integer("revoked_at"),
  },
  // A push whose compare-and-swap on last_seq loses writes -1, which this check refuses,
  // so the whole batch of the losing push rolls back.
  (t) => [
    index("devices_user_idx").on(t.userId),
    check("devices_last_seq_cas", sql`${t.lastSeq} >= 0`),
  ],
);

export const pairings = sqliteTable(
  "pairings",
  {
    deviceCodeHash: text("device_code_hash").primaryKey(),
    userCode: text("user_code").notNull(),
    name: text("name").notNull(),
    platform: text("platform").notNull(),
    status: text("status", { enum: ["pending", "approved", "denied", "consumed"] }).notNull(),
    // No foreign key: pairings live in store 0, the approving user may live in another store.
    userId: text("user_id"),
    deviceId: text("device_id"),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    lastPollAt: integer("last_poll_at"),
  },
  (t) => [
    uniqueIndex("pairings_user_code_idx").on(t.userCode),
    index("pairings_expires_idx").on(t.expiresAt),
  ],
);

/** Fixed-window counters for login, pairing approval and code polling. */
export const rateLimits = sqliteTable("rate_limits", {
  key: text("key").primaryKey(),
  windowStart: integer("window_start").notNull(),
  count: integer("count").notNull(),
});

export const plans = sqliteTable(
  "plans",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    // A losing optimistic-concurrency guard writes -1 and this check rolls the push back.
    rev: integer("rev").notNull(),
    body: text("body"),
    deleted: integer("deleted", { mode: "boolean" }).notNull().default(false),
    version: integer("version").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.id] }),
    index("plans_user_version_idx").on(t.userId, t.version),
    check("plans_rev_guard", sql`${t.rev} >= 0`),
  ],
);

export const sessions = sqliteTable(
  "sessions",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    startedAt: text("started_at"),
    endedAt: text("ended_at"),
    planId: text("plan_id"),
    planDay: integer("plan_day"),
    source: text("source"),
    name: text("name"),
    rpe: integer("rpe"),
    notes: text("notes"),
    /** Average heart rate over the session (bpm), when the device measured it. */
    hrAvg: integer("hr_avg"),
    deviceId: text("device_id"),
    deleted: integer("deleted", { mode: "boolean" }).notNull().default(false),
    version: integer("version").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.id] }),
    index("sessions_user_version_idx").on(t.userId, t.version),
    index("sessions_user_started_idx").on(t.userId, t.startedAt),
  ],
);

export const sets = sqliteTable(
  "sets",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    sessionId: text("session_id").notNull(),
    exerciseId: text("exercise_id").notNull(),
    setIndex: integer("set_index").notNull(),
    startedAt: text("started_at").notNull(),
    endedAt: text("ended_at").notNull(),
    reps: integer("reps"),
    holdS: integer("hold_s"),
    side: text("side"),
    weightKg: real("weight_kg"),
    rpe: integer("rpe"),
    targetReps: integer("target_reps"),
    targetHoldS: integer("target_hold_s"),
    /** Average and highest heart rate during the set (bpm), when the device measured them. */
    hrAvg: integer("hr_avg"),
    hrMax: integer("hr_max"),
    deleted: integer("deleted", { mode: "boolean" }).notNull().default(false),
    version: integer("version").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.id] }),
    index("sets_user_version_idx").on(t.userId, t.version),
    index("sets_user_session_idx").on(t.userId, t.sessionId),
    index("sets_user_exercise_idx").on(t.userId, t.exerciseId),
    // The progress page reads one period's sets by their start, whatever the years before it.
    index("sets_user_started_idx").on(t.userId, t.startedAt),
  ],
);

export const runs = sqliteTable(
  "runs",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    date: text("date").notNull(),
    distanceM: real("distance_m").notNull(),
    durationS: integer("duration_s").notNull(),
    kind: text("kind").notNull(),
    notes: text("notes"),
    avgHr: integer("avg_hr"),
    deleted: integer("deleted", { mode: "boolean" }).notNull().default(false),
    version: integer("version").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.id] }),
    index("runs_user_version_idx").on(t.userId, t.version),
    index("runs_user_date_idx").on(t.userId, t.date),
  ],
);

export const assessments = sqliteTable(
  "assessments",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    date: text("date").notNull(),
    test: text("test").notNull(),
    value: real("value").notNull(),
    notes: text("notes"),
    deleted: integer("deleted", { mode: "boolean" }).notNull().default(false),
    version: integer("version").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.id] }),
    index("assessments_user_version_idx").on(t.userId, t.version),
  ],
);

export const settings = sqliteTable(
  "settings",
  {
    userId: text("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    activePlanId: text("active_plan_id"),
    units: text("units").notNull().default("metric"),
    restSDefault: integer("rest_s_default").notNull().default(60),
    /** IANA zone that decides the runner's "today"; null until a client sets one. */
    timeZone: text("time_zone"),
    /** Heart-rate zones come from max_hr, else from an age estimate by birth_year. */
    maxHr: integer("max_hr"),
    birthYear: integer("birth_year"),
    /** Heart-rate-aware rest: a rest ends once heart rate drops below this (bpm); null = by time only. */
    restHrReady: integer("rest_hr_ready"),
    version: integer("version").notNull(),
  },
  (t) => [index("settings_user_version_idx").on(t.userId, t.version)],
);

/**
 * The secret of each user's iCal feed URL (/cal/<secret>.ics). Stored as it is, not hashed:
 * GET /calendar must show the URL again, and a hash could not give it back. It is a bearer
 * secret of read-only plan dates only; rotating replaces it.
 */
export const calendarFeeds = sqliteTable("calendar_feeds", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  secret: text("secret").notNull().unique(),
  createdAt: integer("created_at").notNull(),
});

/**
 * Read-only links to plans (/shared/plans/<token>). The token is stored as it is, for the same
 * reason as the calendar secret: the plan page shows the link again. One link per plan; a
 * deleted plan's link answers 404 (the lookup requires a live plan) and is removed then.
 */
export const planShares = sqliteTable(
  "plan_shares",
  {
    token: text("token").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    planId: text("plan_id").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("plan_shares_user_plan_idx").on(t.userId, t.planId)],
);

/**
 * Store 0 only (see docs/scaling.md): what finds a user before the user, and so their store,
 * is known. Keys are "email:<address>", and "session:", "device:", "calendar:", "share:" with
 * the SHA-256 of the secret, so store 0 never holds a usable secret. A row only says where to
 * look: the user's own store is asked again and has the last word, so a stale row is harmless.
 */
export const accountKeys = sqliteTable(
  "account_keys",
  {
    key: text("key").primaryKey(),
    userId: text("user_id").notNull(),
    /** Session keys end with their session; the daily purge drops them. */
    expiresAt: integer("expires_at"),
  },
  (t) => [
    index("account_keys_user_idx").on(t.userId),
    index("account_keys_expires_idx").on(t.expiresAt),
  ],
);

/** Store 0 only: users who live elsewhere than the hash of their id says (moved users). */
export const userDirectory = sqliteTable("user_directory", {
  userId: text("user_id").primaryKey(),
  store: integer("store").notNull(),
  movedAt: integer("moved_at").notNull(),
  /** While a move copies the user (ms, epoch): their writes are refused until then. */
  frozenUntil: integer("frozen_until"),
});

/**
 * Store 0 only: moves an operator asked for (a row inserted with `wrangler d1 execute`), done by
 * the cron one after another: `pending`, then `done` or `failed` with the reason in `note`.
 */
export const storeMoves = sqliteTable("store_moves", {
  userId: text("user_id").primaryKey(),
  toStore: integer("to_store").notNull(),
  requestedAt: integer("requested_at").notNull(),
  status: text("status", { enum: ["pending", "done", "failed"] })
    .notNull()
    .default("pending"),
  note: text("note"),
  finishedAt: integer("finished_at"),
});

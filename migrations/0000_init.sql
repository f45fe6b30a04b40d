CREATE TABLE `assessments` (
	`user_id` text NOT NULL,
	`id` text NOT NULL,
	`date` text NOT NULL,
	`test` text NOT NULL,
	`value` real NOT NULL,
	`notes` text,
	`deleted` integer DEFAULT false NOT NULL,
	`version` integer NOT NULL,
	PRIMARY KEY(`user_id`, `id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `assessments_user_version_idx` ON `assessments` (`user_id`,`version`);--> statement-breakpoint
CREATE TABLE `auth_sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`device_id` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `auth_sessions_user_idx` ON `auth_sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `devices` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`name` text NOT NULL,
	`platform` text NOT NULL,
	`token_hash` text,
	`last_seq` integer DEFAULT 0 NOT NULL,
	`last_seen` integer,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "devices_last_seq_cas" CHECK("devices"."last_seq" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `devices_token_hash_unique` ON `devices` (`token_hash`);--> statement-breakpoint
CREATE INDEX `devices_user_idx` ON `devices` (`user_id`);--> statement-breakpoint
CREATE TABLE `pairings` (
	`device_code_hash` text PRIMARY KEY NOT NULL,
	`user_code` text NOT NULL,
	`name` text NOT NULL,
	`platform` text NOT NULL,
	`status` text NOT NULL,
	`user_id` text,
	`device_id` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`last_poll_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pairings_user_code_idx` ON `pairings` (`user_code`);--> statement-breakpoint
CREATE INDEX `pairings_expires_idx` ON `pairings` (`expires_at`);--> statement-breakpoint
CREATE TABLE `plans` (
	`user_id` text NOT NULL,
	`id` text NOT NULL,
	`rev` integer NOT NULL,
	`body` text,
	`deleted` integer DEFAULT false NOT NULL,
	`version` integer NOT NULL,
	PRIMARY KEY(`user_id`, `id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "plans_rev_guard" CHECK("plans"."rev" >= 0)
);
--> statement-breakpoint
CREATE INDEX `plans_user_version_idx` ON `plans` (`user_id`,`version`);--> statement-breakpoint
CREATE TABLE `rate_limits` (
	`key` text PRIMARY KEY NOT NULL,
	`window_start` integer NOT NULL,
	`count` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `runs` (
	`user_id` text NOT NULL,
	`id` text NOT NULL,
	`date` text NOT NULL,
	`distance_m` real NOT NULL,
	`duration_s` integer NOT NULL,
	`kind` text NOT NULL,
	`notes` text,
	`avg_hr` integer,
	`deleted` integer DEFAULT false NOT NULL,
	`version` integer NOT NULL,
	PRIMARY KEY(`user_id`, `id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `runs_user_version_idx` ON `runs` (`user_id`,`version`);--> statement-breakpoint
CREATE INDEX `runs_user_date_idx` ON `runs` (`user_id`,`date`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`user_id` text NOT NULL,
	`id` text NOT NULL,
	`started_at` text,
	`ended_at` text,
	`plan_id` text,
	`plan_day` integer,
	`source` text,
	`name` text,
	`rpe` integer,
	`notes` text,
	`device_id` text,
	`deleted` integer DEFAULT false NOT NULL,
	`version` integer NOT NULL,
	PRIMARY KEY(`user_id`, `id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_version_idx` ON `sessions` (`user_id`,`version`);--> statement-breakpoint
CREATE INDEX `sessions_user_started_idx` ON `sessions` (`user_id`,`started_at`);--> statement-breakpoint
CREATE TABLE `sets` (
	`user_id` text NOT NULL,
	`id` text NOT NULL,
	`session_id` text NOT NULL,
	`exercise_id` text NOT NULL,
	`set_index` integer NOT NULL,
	`started_at` text NOT NULL,
	`ended_at` text NOT NULL,
	`reps` integer,
	`hold_s` integer,
	`side` text,
	`weight_kg` real,
	`rpe` integer,
	`target_reps` integer,
	`target_hold_s` integer,
	`deleted` integer DEFAULT false NOT NULL,
	`version` integer NOT NULL,
	PRIMARY KEY(`user_id`, `id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sets_user_version_idx` ON `sets` (`user_id`,`version`);--> statement-breakpoint
CREATE INDEX `sets_user_session_idx` ON `sets` (`user_id`,`session_id`);--> statement-breakpoint
CREATE INDEX `sets_user_exercise_idx` ON `sets` (`user_id`,`exercise_id`);--> statement-breakpoint
CREATE TABLE `settings` (
	`user_id` text PRIMARY KEY NOT NULL,
	`active_plan_id` text,
	`units` text DEFAULT 'metric' NOT NULL,
	`rest_s_default` integer DEFAULT 60 NOT NULL,
	`version` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `settings_user_version_idx` ON `settings` (`user_id`,`version`);--> statement-breakpoint
CREATE TABLE `sync_state` (
	`user_id` text PRIMARY KEY NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`epoch` text NOT NULL,
	`tombstone_horizon` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "sync_state_version_cas" CHECK("sync_state"."version" >= 0)
);
--> statement-breakpoint
CREATE TABLE `tombstones` (
	`user_id` text NOT NULL,
	`key` text NOT NULL,
	`version` integer NOT NULL,
	PRIMARY KEY(`user_id`, `key`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`password_hash` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);
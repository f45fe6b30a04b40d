CREATE TABLE `account_keys` (
	`key` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`expires_at` integer
);
--> statement-breakpoint
CREATE INDEX `account_keys_user_idx` ON `account_keys` (`user_id`);--> statement-breakpoint
CREATE INDEX `account_keys_expires_idx` ON `account_keys` (`expires_at`);--> statement-breakpoint
CREATE TABLE `user_directory` (
	`user_id` text PRIMARY KEY NOT NULL,
	`store` integer NOT NULL,
	`moved_at` integer NOT NULL
);
--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_pairings` (
	`device_code_hash` text PRIMARY KEY NOT NULL,
	`user_code` text NOT NULL,
	`name` text NOT NULL,
	`platform` text NOT NULL,
	`status` text NOT NULL,
	`user_id` text,
	`device_id` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`last_poll_at` integer
);
--> statement-breakpoint
INSERT INTO `__new_pairings`("device_code_hash", "user_code", "name", "platform", "status", "user_id", "device_id", "created_at", "expires_at", "last_poll_at") SELECT "device_code_hash", "user_code", "name", "platform", "status", "user_id", "device_id", "created_at", "expires_at", "last_poll_at" FROM `pairings`;--> statement-breakpoint
DROP TABLE `pairings`;--> statement-breakpoint
ALTER TABLE `__new_pairings` RENAME TO `pairings`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `pairings_user_code_idx` ON `pairings` (`user_code`);--> statement-breakpoint
CREATE INDEX `pairings_expires_idx` ON `pairings` (`expires_at`);
CREATE TABLE `store_moves` (
	`user_id` text PRIMARY KEY NOT NULL,
	`to_store` integer NOT NULL,
	`requested_at` integer NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`note` text,
	`finished_at` integer
);

ALTER TABLE `sessions` ADD `hr_avg` integer;--> statement-breakpoint
ALTER TABLE `sets` ADD `hr_avg` integer;--> statement-breakpoint
ALTER TABLE `sets` ADD `hr_max` integer;--> statement-breakpoint
ALTER TABLE `settings` ADD `max_hr` integer;--> statement-breakpoint
ALTER TABLE `settings` ADD `birth_year` integer;
ALTER TABLE `people` ADD `erased_at` integer;--> statement-breakpoint
ALTER TABLE `people` ADD `erasure` text;
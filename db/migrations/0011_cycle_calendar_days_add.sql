CREATE TABLE `job_titles` (
	`title` text PRIMARY KEY NOT NULL,
	`job_family` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
-- Nullable in SQLite: a column without a default cannot be added NOT NULL; the schema requires both on every insert.
ALTER TABLE `cycles` ADD `opens_on` text;--> statement-breakpoint
ALTER TABLE `cycles` ADD `closes_on` text;
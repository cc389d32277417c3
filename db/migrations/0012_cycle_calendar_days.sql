CREATE TABLE `job_titles` (
	`title` text PRIMARY KEY NOT NULL,
	`job_family` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
-- Nullable in SQLite: a column without a default cannot be added NOT NULL; the schema requires both on every insert.
ALTER TABLE `cycles` ADD `opens_on` text;--> statement-breakpoint
ALTER TABLE `cycles` ADD `closes_on` text;--> statement-breakpoint
-- Cycles ran from UTC midnight of the opening day to the end of the closing day in UTC: keep those calendar days.
UPDATE `cycles` SET `opens_on` = date(`opens_at` / 1000, 'unixepoch'), `closes_on` = date((`closes_at` - 1) / 1000.0, 'unixepoch');--> statement-breakpoint
-- Drop the instants in place: recreating the table (drizzle-kit's default) would drop `cycles` inside the migration
-- transaction, where foreign keys stay on, and take every response with it.
ALTER TABLE `cycles` DROP COLUMN `opens_at`;--> statement-breakpoint
ALTER TABLE `cycles` DROP COLUMN `closes_at`;
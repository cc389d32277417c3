CREATE TABLE `quiz_draws` (
	`person_id` integer NOT NULL,
	`module_slug` text NOT NULL,
	`attempt_number` integer NOT NULL,
	`draw` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`person_id`, `module_slug`),
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`module_slug`) REFERENCES `modules`(`slug`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `quiz_attempts` ADD `draw` text;
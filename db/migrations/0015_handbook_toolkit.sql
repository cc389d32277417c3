CREATE TABLE `handbook_shares` (
	`owner_id` integer NOT NULL,
	`viewer_id` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`owner_id`, `viewer_id`),
	FOREIGN KEY (`owner_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`viewer_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `handbook_shares_viewer` ON `handbook_shares` (`viewer_id`);--> statement-breakpoint
CREATE TABLE `handbook_template_entries` (
	`person_id` integer NOT NULL,
	`template_slug` text NOT NULL,
	`field_values` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`person_id`, `template_slug`),
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);

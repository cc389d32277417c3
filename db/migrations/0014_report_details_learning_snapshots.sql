CREATE TABLE `learning_snapshot_cells` (
	`snapshot_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`slice` text NOT NULL,
	`people` integer NOT NULL,
	`modules_completed` integer NOT NULL,
	`foundation` text NOT NULL,
	PRIMARY KEY(`snapshot_id`, `unit_id`, `slice`),
	FOREIGN KEY (`snapshot_id`) REFERENCES `learning_snapshots`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `learning_snapshot_members` (
	`snapshot_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`job_family` text NOT NULL,
	PRIMARY KEY(`snapshot_id`, `person_id`),
	FOREIGN KEY (`snapshot_id`) REFERENCES `learning_snapshots`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `learning_snapshot_members_person_idx` ON `learning_snapshot_members` (`person_id`);--> statement-breakpoint
CREATE TABLE `learning_snapshot_units` (
	`snapshot_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`parent_id` integer,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`path` text NOT NULL,
	PRIMARY KEY(`snapshot_id`, `unit_id`),
	FOREIGN KEY (`snapshot_id`) REFERENCES `learning_snapshots`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `learning_snapshot_units_parent_idx` ON `learning_snapshot_units` (`snapshot_id`,`parent_id`);--> statement-breakpoint
CREATE TABLE `learning_snapshots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`taken_at` integer NOT NULL,
	`k` integer NOT NULL,
	`cells_with_people` integer NOT NULL,
	`hidden_small` integer NOT NULL,
	`hidden_by_cohort` integer NOT NULL,
	`hidden_by_audit` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `published_attitudes` (
	`cycle_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`slice` text NOT NULL,
	`item_id` text NOT NULL,
	`n` integer NOT NULL,
	`value_sum` integer NOT NULL,
	`agree` integer NOT NULL,
	PRIMARY KEY(`cycle_id`, `unit_id`, `slice`, `item_id`),
	FOREIGN KEY (`cycle_id`) REFERENCES `cycles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `published_confidence` (
	`cycle_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`slice` text NOT NULL,
	`dimension` text NOT NULL,
	`n` integer NOT NULL,
	`confidence_sum` real NOT NULL,
	`score_sum` real NOT NULL,
	`over` integer NOT NULL,
	`under` integer NOT NULL,
	PRIMARY KEY(`cycle_id`, `unit_id`, `slice`, `dimension`),
	FOREIGN KEY (`cycle_id`) REFERENCES `cycles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `published_tools` (
	`cycle_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`slice` text NOT NULL,
	`tool_key` text NOT NULL,
	`label` text NOT NULL,
	`users` integer NOT NULL,
	PRIMARY KEY(`cycle_id`, `unit_id`, `slice`, `tool_key`),
	FOREIGN KEY (`cycle_id`) REFERENCES `cycles`(`id`) ON UPDATE no action ON DELETE cascade
);

CREATE TABLE `published_cells` (
	`cycle_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`slice` text NOT NULL,
	`invited` integer NOT NULL,
	`submitted` integer NOT NULL,
	`all_foundation` integer NOT NULL,
	PRIMARY KEY(`cycle_id`, `unit_id`, `slice`),
	FOREIGN KEY (`cycle_id`) REFERENCES `cycles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `published_cycles` (
	`cycle_id` integer PRIMARY KEY NOT NULL,
	`k` integer NOT NULL,
	`published_at` integer NOT NULL,
	`cells_with_people` integer NOT NULL,
	`hidden_small` integer NOT NULL,
	`hidden_by_cohort` integer NOT NULL,
	`hidden_by_audit` integer NOT NULL,
	FOREIGN KEY (`cycle_id`) REFERENCES `cycles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `published_scores` (
	`cycle_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`slice` text NOT NULL,
	`dimension` text NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	`score_sum` real DEFAULT 0 NOT NULL,
	`level0` integer DEFAULT 0 NOT NULL,
	`level1` integer DEFAULT 0 NOT NULL,
	`level2` integer DEFAULT 0 NOT NULL,
	`level3` integer DEFAULT 0 NOT NULL,
	`level4` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`cycle_id`, `unit_id`, `slice`, `dimension`),
	FOREIGN KEY (`cycle_id`) REFERENCES `cycles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `published_units` (
	`cycle_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`parent_id` integer,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`path` text NOT NULL,
	`has_children` integer NOT NULL,
	PRIMARY KEY(`cycle_id`, `unit_id`),
	FOREIGN KEY (`cycle_id`) REFERENCES `cycles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `published_units_parent_idx` ON `published_units` (`cycle_id`,`parent_id`);
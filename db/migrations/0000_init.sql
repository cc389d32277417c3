CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor_id` integer,
	`action` text NOT NULL,
	`target` text,
	`details` text,
	FOREIGN KEY (`actor_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_log_action_at_idx` ON `audit_log` (`action`,`at`);--> statement-breakpoint
CREATE TABLE `cycle_invitations` (
	`cycle_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`job_family` text NOT NULL,
	PRIMARY KEY(`cycle_id`, `person_id`),
	FOREIGN KEY (`cycle_id`) REFERENCES `cycles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `cycle_invitations_unit_idx` ON `cycle_invitations` (`cycle_id`,`unit_id`);--> statement-breakpoint
CREATE TABLE `cycle_units` (
	`cycle_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	PRIMARY KEY(`cycle_id`, `unit_id`),
	FOREIGN KEY (`cycle_id`) REFERENCES `cycles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `cycles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`instrument_hash` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`opens_at` integer NOT NULL,
	`closes_at` integer NOT NULL,
	`min_group_size` integer DEFAULT 5 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`instrument_hash`) REFERENCES `instrument_versions`(`hash`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `enrolments` (
	`person_id` integer NOT NULL,
	`module_slug` text NOT NULL,
	`is_added_by_learner` integer DEFAULT false NOT NULL,
	`started_at` integer NOT NULL,
	`completed_at` integer,
	PRIMARY KEY(`person_id`, `module_slug`),
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`module_slug`) REFERENCES `modules`(`slug`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `enrolments_module_idx` ON `enrolments` (`module_slug`,`completed_at`);--> statement-breakpoint
CREATE TABLE `handbook_checks` (
	`person_id` integer NOT NULL,
	`item_id` text NOT NULL,
	`checked_at` integer NOT NULL,
	PRIMARY KEY(`person_id`, `item_id`),
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `instrument_versions` (
	`hash` text PRIMARY KEY NOT NULL,
	`key` text NOT NULL,
	`version` integer NOT NULL,
	`content` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `lesson_progress` (
	`person_id` integer NOT NULL,
	`module_slug` text NOT NULL,
	`lesson_slug` text NOT NULL,
	`read_at` integer NOT NULL,
	PRIMARY KEY(`person_id`, `module_slug`, `lesson_slug`),
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`module_slug`) REFERENCES `modules`(`slug`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `login_failures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `login_failures_key_at_idx` ON `login_failures` (`key`,`at`);--> statement-breakpoint
CREATE TABLE `manager_scopes` (
	`person_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	PRIMARY KEY(`person_id`, `unit_id`),
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `modules` (
	`slug` text PRIMARY KEY NOT NULL,
	`dimension` text NOT NULL,
	`level` integer NOT NULL,
	`title` text NOT NULL,
	`minutes` integer NOT NULL,
	`content_hash` text NOT NULL,
	`removed_at` integer,
	`synced_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `participation_aggregates` (
	`cycle_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`job_family` text NOT NULL,
	`submitted` integer DEFAULT 0 NOT NULL,
	`all_foundation` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`cycle_id`, `unit_id`, `job_family`),
	FOREIGN KEY (`cycle_id`) REFERENCES `cycles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `password_resets` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`person_id` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `people` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`employee_id` text,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`job_family` text NOT NULL,
	`unit_id` integer NOT NULL,
	`role` text DEFAULT 'employee' NOT NULL,
	`language` text DEFAULT 'da' NOT NULL,
	`password_hash` text,
	`is_demo` integer DEFAULT false NOT NULL,
	`is_active` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `people_email_unique` ON `people` (`email`);--> statement-breakpoint
CREATE UNIQUE INDEX `people_employee_id_unique` ON `people` (`employee_id`);--> statement-breakpoint
CREATE INDEX `people_unit_idx` ON `people` (`unit_id`);--> statement-breakpoint
CREATE TABLE `quiz_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` integer NOT NULL,
	`module_slug` text NOT NULL,
	`answers` text NOT NULL,
	`score` real NOT NULL,
	`is_passed` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`module_slug`) REFERENCES `modules`(`slug`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `quiz_attempts_person_module_idx` ON `quiz_attempts` (`person_id`,`module_slug`);--> statement-breakpoint
CREATE TABLE `responses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`cycle_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`answers` text DEFAULT '{}' NOT NULL,
	`page` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL,
	`submitted_at` integer,
	FOREIGN KEY (`cycle_id`) REFERENCES `cycles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `responses_cycle_person_unique` ON `responses` (`cycle_id`,`person_id`);--> statement-breakpoint
CREATE TABLE `result_aggregates` (
	`cycle_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`job_family` text NOT NULL,
	`dimension` text NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	`score_sum` real DEFAULT 0 NOT NULL,
	`level0` integer DEFAULT 0 NOT NULL,
	`level1` integer DEFAULT 0 NOT NULL,
	`level2` integer DEFAULT 0 NOT NULL,
	`level3` integer DEFAULT 0 NOT NULL,
	`level4` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`cycle_id`, `unit_id`, `job_family`, `dimension`),
	FOREIGN KEY (`cycle_id`) REFERENCES `cycles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `result_scores` (
	`result_id` integer NOT NULL,
	`dimension` text NOT NULL,
	`score` real,
	`level` integer,
	PRIMARY KEY(`result_id`, `dimension`),
	FOREIGN KEY (`result_id`) REFERENCES `results`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `results` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`response_id` integer NOT NULL,
	`cycle_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`job_family` text NOT NULL,
	`min_level` integer NOT NULL,
	`submitted_at` integer NOT NULL,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cycle_id`) REFERENCES `cycles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `results_response_unique` ON `results` (`response_id`);--> statement-breakpoint
CREATE INDEX `results_person_cycle_idx` ON `results` (`person_id`,`cycle_id`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`person_id` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_person_idx` ON `sessions` (`person_id`);--> statement-breakpoint
CREATE TABLE `units` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`parent_id` integer,
	`path` text NOT NULL,
	`retired_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`parent_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `units_code_unique` ON `units` (`code`);--> statement-breakpoint
CREATE INDEX `units_parent_idx` ON `units` (`parent_id`);--> statement-breakpoint
CREATE INDEX `units_path_idx` ON `units` (`path`);
CREATE TABLE `ai_requirements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`system_id` integer NOT NULL,
	`module_slug` text NOT NULL,
	`job_family` text NOT NULL,
	`refresh_months` integer,
	`grace_days` integer DEFAULT 30 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`created_by` integer,
	FOREIGN KEY (`system_id`) REFERENCES `ai_systems`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`module_slug`) REFERENCES `modules`(`slug`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ai_requirements_unique` ON `ai_requirements` (`system_id`,`module_slug`,`job_family`);--> statement-breakpoint
CREATE TABLE `ai_system_units` (
	`system_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	PRIMARY KEY(`system_id`, `unit_id`),
	FOREIGN KEY (`system_id`) REFERENCES `ai_systems`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ai_system_units_unit_idx` ON `ai_system_units` (`unit_id`);--> statement-breakpoint
CREATE TABLE `ai_system_versions` (
	`system_id` integer NOT NULL,
	`version` integer NOT NULL,
	`snapshot` text NOT NULL,
	`changed_by` integer,
	`changed_at` integer NOT NULL,
	PRIMARY KEY(`system_id`, `version`),
	FOREIGN KEY (`system_id`) REFERENCES `ai_systems`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`changed_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `ai_systems` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`supplier` text NOT NULL,
	`intended_purpose` text NOT NULL,
	`status` text NOT NULL,
	`risk_class` text NOT NULL,
	`mdr_class` text DEFAULT 'none' NOT NULL,
	`is_generative` integer DEFAULT false NOT NULL,
	`contact_name` text NOT NULL,
	`handbook_phase` text,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`updated_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `due_again_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reason` text NOT NULL,
	`system_id` integer,
	`module_slug` text,
	`at` integer NOT NULL,
	`actor_id` integer,
	FOREIGN KEY (`system_id`) REFERENCES `ai_systems`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`module_slug`) REFERENCES `modules`(`slug`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `signing_keys` (
	`key_id` text PRIMARY KEY NOT NULL,
	`public_key_pem` text NOT NULL,
	`private_key_pem` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `training_records` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`person_id` integer NOT NULL,
	`person_name` text NOT NULL,
	`module_slug` text NOT NULL,
	`content_version` text NOT NULL,
	`score` real NOT NULL,
	`completed_at` integer NOT NULL,
	`corrects_id` integer,
	`is_void` integer DEFAULT false NOT NULL,
	`key_id` text NOT NULL,
	`signature` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`module_slug`) REFERENCES `modules`(`slug`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`corrects_id`) REFERENCES `training_records`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`key_id`) REFERENCES `signing_keys`(`key_id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `training_records_code_unique` ON `training_records` (`code`);--> statement-breakpoint
CREATE INDEX `training_records_person_idx` ON `training_records` (`person_id`,`module_slug`);--> statement-breakpoint
CREATE TRIGGER `training_records_no_update` BEFORE UPDATE ON `training_records` BEGIN SELECT RAISE(ABORT, 'training records are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `training_records_no_delete` BEFORE DELETE ON `training_records` BEGIN SELECT RAISE(ABORT, 'training records are append-only'); END;

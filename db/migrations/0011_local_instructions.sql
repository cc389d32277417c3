CREATE TABLE `local_instruction_versions` (
	`instruction_id` integer NOT NULL,
	`version` integer NOT NULL,
	`snapshot` text NOT NULL,
	`is_substantial` integer NOT NULL,
	`changed_by` integer,
	`changed_at` integer NOT NULL,
	PRIMARY KEY(`instruction_id`, `version`),
	FOREIGN KEY (`instruction_id`) REFERENCES `local_instructions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`changed_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `local_instructions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`quiz` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`updated_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_ai_requirements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`system_id` integer NOT NULL,
	`module_slug` text,
	`instruction_id` integer,
	`job_family` text NOT NULL,
	`refresh_months` integer,
	`grace_days` integer DEFAULT 30 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`created_by` integer,
	FOREIGN KEY (`system_id`) REFERENCES `ai_systems`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`module_slug`) REFERENCES `modules`(`slug`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`instruction_id`) REFERENCES `local_instructions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_ai_requirements`("id", "system_id", "module_slug", "job_family", "refresh_months", "grace_days", "created_at", "created_by") SELECT "id", "system_id", "module_slug", "job_family", "refresh_months", "grace_days", "created_at", "created_by" FROM `ai_requirements`;--> statement-breakpoint
DROP TABLE `ai_requirements`;--> statement-breakpoint
ALTER TABLE `__new_ai_requirements` RENAME TO `ai_requirements`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `ai_requirements_unique` ON `ai_requirements` (`system_id`,`module_slug`,`job_family`);--> statement-breakpoint
CREATE UNIQUE INDEX `ai_requirements_instruction_unique` ON `ai_requirements` (`system_id`,`instruction_id`,`job_family`);--> statement-breakpoint
CREATE TABLE `__new_training_records` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`person_id` integer NOT NULL,
	`person_name` text NOT NULL,
	`module_slug` text,
	`instruction_id` integer,
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
	FOREIGN KEY (`instruction_id`) REFERENCES `local_instructions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`corrects_id`) REFERENCES `training_records`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`key_id`) REFERENCES `signing_keys`(`key_id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_training_records`("id", "code", "person_id", "person_name", "module_slug", "content_version", "score", "completed_at", "corrects_id", "is_void", "key_id", "signature", "created_at") SELECT "id", "code", "person_id", "person_name", "module_slug", "content_version", "score", "completed_at", "corrects_id", "is_void", "key_id", "signature", "created_at" FROM `training_records`;--> statement-breakpoint
DROP TABLE `training_records`;--> statement-breakpoint
ALTER TABLE `__new_training_records` RENAME TO `training_records`;--> statement-breakpoint
CREATE UNIQUE INDEX `training_records_code_unique` ON `training_records` (`code`);--> statement-breakpoint
CREATE INDEX `training_records_person_idx` ON `training_records` (`person_id`,`module_slug`);--> statement-breakpoint
ALTER TABLE `due_again_events` ADD `instruction_id` integer REFERENCES local_instructions(id);--> statement-breakpoint
CREATE TRIGGER `training_records_no_update` BEFORE UPDATE ON `training_records` BEGIN SELECT RAISE(ABORT, 'training records are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `training_records_no_delete` BEFORE DELETE ON `training_records` BEGIN SELECT RAISE(ABORT, 'training records are append-only'); END;

CREATE TABLE `two_factor_recoveries` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`person_id` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `two_factor_recoveries_person_idx` ON `two_factor_recoveries` (`person_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `people` ADD `must_enrol_two_factor` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `sessions` ADD `is_mfa_by_idp` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `sign_in_challenges` ADD `first_step` text DEFAULT 'password' NOT NULL;
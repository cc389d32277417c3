DROP INDEX `people_unit_idx`;--> statement-breakpoint
CREATE INDEX `people_unit_active_family_idx` ON `people` (`unit_id`,`is_active`,`job_family`);
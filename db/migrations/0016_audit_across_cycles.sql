ALTER TABLE `learning_snapshots` ADD `hidden_across_snapshots` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `published_cycles` ADD `hidden_across_cycles` integer DEFAULT 0 NOT NULL;
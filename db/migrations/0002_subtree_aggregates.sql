CREATE TABLE `subtree_aggregates` (
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
-- Fill the new sums for results recorded before this migration (see rebuildSubtreeAggregates).
INSERT INTO `subtree_aggregates` (`cycle_id`, `unit_id`, `job_family`, `dimension`, `n`, `score_sum`, `level0`, `level1`, `level2`, `level3`, `level4`)
SELECT a.cycle_id, anc.id, a.job_family, a.dimension, SUM(a.n), SUM(a.score_sum), SUM(a.level0), SUM(a.level1), SUM(a.level2), SUM(a.level3), SUM(a.level4)
FROM `result_aggregates` a JOIN `units` u ON u.id = a.unit_id JOIN `units` anc ON substr(u.path, 1, length(anc.path)) = anc.path
GROUP BY a.cycle_id, anc.id, a.job_family, a.dimension;

CREATE TABLE `undo_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`coalition_id` text NOT NULL,
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`entity_id` text NOT NULL,
	`payload` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`coalition_id`) REFERENCES `coalitions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "undo_entries_kind" CHECK(kind IN ('partner', 'milestone', 'track', 'bottleneck', 'comment', 'assignment'))
);
--> statement-breakpoint
CREATE INDEX `undo_entries_expires_idx` ON `undo_entries` (`expires_at`);--> statement-breakpoint
CREATE INDEX `undo_entries_coalition_idx` ON `undo_entries` (`coalition_id`);
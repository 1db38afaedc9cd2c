CREATE TABLE `follows` (
	`user_id` text NOT NULL,
	`coalition_id` text NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `entity_type`, `entity_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`coalition_id`) REFERENCES `coalitions`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "follows_entity_type" CHECK(entity_type IN ('milestone', 'partner', 'track', 'bottleneck'))
);
--> statement-breakpoint
CREATE INDEX `follows_entity_idx` ON `follows` (`entity_type`,`entity_id`);--> statement-breakpoint
CREATE INDEX `follows_coalition_idx` ON `follows` (`coalition_id`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text NOT NULL,
	`coalition_id` text NOT NULL,
	`kind` text NOT NULL,
	`activity_id` integer,
	`entity_type` text NOT NULL,
	`entity_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`read_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`coalition_id`) REFERENCES `coalitions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`activity_id`) REFERENCES `activity`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "notifications_kind" CHECK(kind IN ('mention', 'responsible', 'role_given', 'status_change', 'comment', 'due_soon', 'overdue'))
);
--> statement-breakpoint
CREATE INDEX `notifications_user_idx` ON `notifications` (`user_id`,`id`);--> statement-breakpoint
CREATE INDEX `notifications_unread_idx` ON `notifications` (`user_id`,`read_at`);--> statement-breakpoint
CREATE INDEX `notifications_coalition_idx` ON `notifications` (`coalition_id`);
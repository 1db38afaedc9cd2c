CREATE TABLE `interactions` (
	`id` text PRIMARY KEY NOT NULL,
	`coalition_id` text NOT NULL,
	`partner_id` text NOT NULL,
	`kind` text NOT NULL,
	`occurred_on` text NOT NULL,
	`our_people` text DEFAULT '[]' NOT NULL,
	`their_people` text DEFAULT '' NOT NULL,
	`summary` text DEFAULT '' NOT NULL,
	`ask` text DEFAULT '' NOT NULL,
	`outcome` text DEFAULT '' NOT NULL,
	`next_step` text DEFAULT '' NOT NULL,
	`next_step_due` text,
	`next_step_user_id` text,
	`next_step_done_on` text,
	`author_id` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`coalition_id`) REFERENCES `coalitions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`next_step_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "interactions_kind" CHECK(kind IN ('meeting', 'call', 'letter', 'email', 'event', 'side_event')),
	CONSTRAINT "interactions_occurred_on" CHECK(date(occurred_on) IS occurred_on),
	CONSTRAINT "interactions_next_step_due" CHECK(next_step_due IS NULL OR date(next_step_due) IS next_step_due),
	CONSTRAINT "interactions_next_step_done_on" CHECK(next_step_done_on IS NULL OR date(next_step_done_on) IS next_step_done_on),
	CONSTRAINT "interactions_our_people" CHECK(json_valid("interactions"."our_people") AND json_type("interactions"."our_people") = 'array')
);
--> statement-breakpoint
CREATE INDEX `interactions_partner_idx` ON `interactions` (`coalition_id`,`partner_id`,`occurred_on`);--> statement-breakpoint
CREATE INDEX `interactions_next_step_idx` ON `interactions` (`coalition_id`,`next_step_due`);--> statement-breakpoint
ALTER TABLE `partners` ADD `relationship_owner_id` text REFERENCES users(id) ON DELETE SET NULL;
CREATE TABLE `baseline_dates` (
	`baseline_id` text NOT NULL,
	`milestone_id` text NOT NULL,
	`start_date` text,
	`due_date` text NOT NULL,
	PRIMARY KEY(`baseline_id`, `milestone_id`),
	FOREIGN KEY (`baseline_id`) REFERENCES `baselines`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`milestone_id`) REFERENCES `milestones`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "baseline_dates_due_date" CHECK(date(due_date) IS due_date),
	CONSTRAINT "baseline_dates_start_date" CHECK(start_date IS NULL OR date(start_date) IS start_date)
);
--> statement-breakpoint
CREATE INDEX `baseline_dates_milestone_idx` ON `baseline_dates` (`milestone_id`);--> statement-breakpoint
CREATE TABLE `baselines` (
	`id` text PRIMARY KEY NOT NULL,
	`coalition_id` text NOT NULL,
	`name` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`coalition_id`) REFERENCES `coalitions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "baselines_name_len" CHECK(length("baselines"."name") BETWEEN 1 AND 120)
);
--> statement-breakpoint
CREATE INDEX `baselines_coalition_idx` ON `baselines` (`coalition_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `partner_acts` (
	`id` text PRIMARY KEY NOT NULL,
	`coalition_id` text NOT NULL,
	`milestone_id` text NOT NULL,
	`partner_id` text NOT NULL,
	`act` text NOT NULL,
	`acted_on` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`author_id` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`coalition_id`) REFERENCES `coalitions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`milestone_id`) REFERENCES `milestones`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "partner_acts_act" CHECK(act IN ('signed', 'ratified', 'endorsed', 'voted_yes', 'voted_no', 'abstained')),
	CONSTRAINT "partner_acts_acted_on" CHECK(date(acted_on) IS acted_on)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `partner_acts_uq` ON `partner_acts` (`milestone_id`,`partner_id`,`act`);--> statement-breakpoint
CREATE INDEX `partner_acts_coalition_idx` ON `partner_acts` (`coalition_id`,`acted_on`);--> statement-breakpoint
CREATE INDEX `partner_acts_partner_idx` ON `partner_acts` (`partner_id`);--> statement-breakpoint
CREATE TABLE `position_changes` (
	`id` text PRIMARY KEY NOT NULL,
	`coalition_id` text NOT NULL,
	`partner_id` text NOT NULL,
	`track_id` text,
	`position` text NOT NULL,
	`shown_on` text NOT NULL,
	`interaction_id` text,
	`note` text DEFAULT '' NOT NULL,
	`author_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`coalition_id`) REFERENCES `coalitions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`track_id`) REFERENCES `tracks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`interaction_id`) REFERENCES `interactions`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "position_changes_position" CHECK(position IN ('champion', 'supportive', 'neutral', 'sceptical', 'opposed', 'unknown')),
	CONSTRAINT "position_changes_shown_on" CHECK(date(shown_on) IS shown_on)
);
--> statement-breakpoint
CREATE INDEX `position_changes_partner_idx` ON `position_changes` (`coalition_id`,`partner_id`,`shown_on`);--> statement-breakpoint
CREATE INDEX `position_changes_coalition_idx` ON `position_changes` (`coalition_id`,`shown_on`);--> statement-breakpoint
CREATE TABLE `public_links` (
	`id` text PRIMARY KEY NOT NULL,
	`coalition_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`coalition_id`) REFERENCES `coalitions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `public_links_token_uq` ON `public_links` (`token_hash`);--> statement-breakpoint
CREATE INDEX `public_links_coalition_idx` ON `public_links` (`coalition_id`);--> statement-breakpoint
CREATE TABLE `slips` (
	`id` text PRIMARY KEY NOT NULL,
	`coalition_id` text NOT NULL,
	`milestone_id` text NOT NULL,
	`baseline_id` text NOT NULL,
	`from_due` text NOT NULL,
	`to_due` text NOT NULL,
	`reason` text NOT NULL,
	`author_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`coalition_id`) REFERENCES `coalitions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`milestone_id`) REFERENCES `milestones`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`baseline_id`) REFERENCES `baselines`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "slips_from_due" CHECK(date(from_due) IS from_due),
	CONSTRAINT "slips_to_due" CHECK(date(to_due) IS to_due),
	CONSTRAINT "slips_reason_len" CHECK(length("slips"."reason") BETWEEN 1 AND 1000)
);
--> statement-breakpoint
CREATE INDEX `slips_coalition_idx` ON `slips` (`coalition_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `slips_milestone_idx` ON `slips` (`milestone_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `threshold_eligible` (
	`coalition_id` text NOT NULL,
	`milestone_id` text NOT NULL,
	`partner_id` text NOT NULL,
	PRIMARY KEY(`milestone_id`, `partner_id`),
	FOREIGN KEY (`coalition_id`) REFERENCES `coalitions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`milestone_id`) REFERENCES `milestones`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `threshold_eligible_partner_idx` ON `threshold_eligible` (`partner_id`);--> statement-breakpoint
-- Added in place, not by rebuilding the table: the migrator runs in a transaction, where
-- PRAGMA foreign_keys=OFF has no effect, so DROP TABLE milestones would cascade to its
-- dependencies, comments and links. The checks are column checks here (SQLite treats a
-- column CHECK like a table CHECK and tests existing rows on ADD COLUMN).
ALTER TABLE `milestones` ADD `threshold_act` text CONSTRAINT "milestones_threshold_act" CHECK(threshold_act IS NULL OR threshold_act IN ('signed', 'ratified', 'endorsed', 'voted_yes', 'voted_no', 'abstained'));--> statement-breakpoint
ALTER TABLE `milestones` ADD `threshold` integer CONSTRAINT "milestones_threshold" CHECK((threshold_act IS NULL AND threshold IS NULL) OR (threshold_act IS NOT NULL AND threshold BETWEEN 1 AND 10000));--> statement-breakpoint
ALTER TABLE `milestones` ADD `estimate_optimistic` text CONSTRAINT "milestones_estimate_optimistic" CHECK(estimate_optimistic IS NULL OR date(estimate_optimistic) IS estimate_optimistic);--> statement-breakpoint
ALTER TABLE `milestones` ADD `estimate_likely` text CONSTRAINT "milestones_estimate_likely" CHECK(estimate_likely IS NULL OR date(estimate_likely) IS estimate_likely);--> statement-breakpoint
ALTER TABLE `milestones` ADD `estimate_pessimistic` text CONSTRAINT "milestones_estimate_pessimistic" CHECK(estimate_pessimistic IS NULL OR date(estimate_pessimistic) IS estimate_pessimistic) CONSTRAINT "milestones_estimate" CHECK((estimate_optimistic IS NULL AND estimate_likely IS NULL AND estimate_pessimistic IS NULL) OR (estimate_optimistic <= estimate_likely AND estimate_likely <= estimate_pessimistic));--> statement-breakpoint
ALTER TABLE `partners` ADD `position_public` integer DEFAULT false NOT NULL;
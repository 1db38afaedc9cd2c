CREATE TABLE `activity` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`coalition_id` text NOT NULL,
	`actor_id` text,
	`action` text NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text NOT NULL,
	`track_id` text,
	`summary` text NOT NULL,
	`data` text DEFAULT '{}' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`coalition_id`) REFERENCES `coalitions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `activity_coalition_idx` ON `activity` (`coalition_id`,`id`);--> statement-breakpoint
CREATE INDEX `activity_entity_idx` ON `activity` (`coalition_id`,`entity_type`,`entity_id`,`id`);--> statement-breakpoint
CREATE INDEX `activity_actor_idx` ON `activity` (`coalition_id`,`actor_id`,`id`);--> statement-breakpoint
CREATE TABLE `bottlenecks` (
	`id` text PRIMARY KEY NOT NULL,
	`coalition_id` text NOT NULL,
	`track_id` text,
	`milestone_id` text,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`severity` text DEFAULT 'medium' NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`narrative` text DEFAULT '' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`coalition_id`) REFERENCES `coalitions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`track_id`) REFERENCES `tracks`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`milestone_id`) REFERENCES `milestones`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "bottlenecks_severity" CHECK(severity IN ('low', 'medium', 'high', 'critical')),
	CONSTRAINT "bottlenecks_status" CHECK(status IN ('open', 'reframing', 'resolved')),
	CONSTRAINT "bottlenecks_title_len" CHECK(length("bottlenecks"."title") BETWEEN 1 AND 300)
);
--> statement-breakpoint
CREATE INDEX `bottlenecks_coalition_idx` ON `bottlenecks` (`coalition_id`,`status`);--> statement-breakpoint
CREATE INDEX `bottlenecks_track_idx` ON `bottlenecks` (`track_id`);--> statement-breakpoint
CREATE INDEX `bottlenecks_milestone_idx` ON `bottlenecks` (`milestone_id`);--> statement-breakpoint
CREATE TABLE `coalitions` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`goal` text NOT NULL,
	`goal_date` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`template` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	CONSTRAINT "coalitions_goal_date" CHECK(date(goal_date) IS goal_date),
	CONSTRAINT "coalitions_name_len" CHECK(length("coalitions"."name") BETWEEN 1 AND 200)
);
--> statement-breakpoint
CREATE TABLE `comments` (
	`id` text PRIMARY KEY NOT NULL,
	`coalition_id` text NOT NULL,
	`target_type` text NOT NULL,
	`target_id` text NOT NULL,
	`author_id` text,
	`body` text NOT NULL,
	`mentions` text DEFAULT '[]' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`coalition_id`) REFERENCES `coalitions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "comments_target_type" CHECK(target_type IN ('milestone', 'track', 'partner', 'bottleneck')),
	CONSTRAINT "comments_body_len" CHECK(length("comments"."body") BETWEEN 1 AND 10000)
);
--> statement-breakpoint
CREATE INDEX `comments_target_idx` ON `comments` (`coalition_id`,`target_type`,`target_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `invitations` (
	`id` text PRIMARY KEY NOT NULL,
	`coalition_id` text NOT NULL,
	`email` text NOT NULL,
	`role` text NOT NULL,
	`token_hash` text NOT NULL,
	`expires_at` integer NOT NULL,
	`invited_by` text,
	`accepted_at` integer,
	`accepted_by` text,
	`revoked_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`coalition_id`) REFERENCES `coalitions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`invited_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`accepted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "invitations_role" CHECK(role IN ('viewer', 'editor', 'owner'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_token_uq` ON `invitations` (`token_hash`);--> statement-breakpoint
CREATE INDEX `invitations_coalition_idx` ON `invitations` (`coalition_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `memberships` (
	`coalition_id` text NOT NULL,
	`user_id` text NOT NULL,
	`role` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`coalition_id`, `user_id`),
	FOREIGN KEY (`coalition_id`) REFERENCES `coalitions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "memberships_role" CHECK(role IN ('viewer', 'editor', 'owner'))
);
--> statement-breakpoint
CREATE INDEX `memberships_user_idx` ON `memberships` (`user_id`);--> statement-breakpoint
CREATE TABLE `milestone_dependencies` (
	`coalition_id` text NOT NULL,
	`milestone_id` text NOT NULL,
	`depends_on_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`milestone_id`, `depends_on_id`),
	FOREIGN KEY (`coalition_id`) REFERENCES `coalitions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`milestone_id`) REFERENCES `milestones`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`depends_on_id`) REFERENCES `milestones`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "milestone_dependencies_not_self" CHECK("milestone_dependencies"."milestone_id" <> "milestone_dependencies"."depends_on_id")
);
--> statement-breakpoint
CREATE INDEX `milestone_dependencies_depends_on_idx` ON `milestone_dependencies` (`depends_on_id`);--> statement-breakpoint
CREATE INDEX `milestone_dependencies_coalition_idx` ON `milestone_dependencies` (`coalition_id`);--> statement-breakpoint
CREATE TABLE `milestones` (
	`id` text PRIMARY KEY NOT NULL,
	`coalition_id` text NOT NULL,
	`track_id` text,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`start_date` text,
	`due_date` text NOT NULL,
	`status` text DEFAULT 'planned' NOT NULL,
	`progress` integer DEFAULT 0 NOT NULL,
	`owner_partner_id` text,
	`completed_on` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`coalition_id`) REFERENCES `coalitions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`track_id`) REFERENCES `tracks`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`owner_partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "milestones_status" CHECK(status IN ('planned', 'in_progress', 'at_risk', 'blocked', 'done', 'dropped')),
	CONSTRAINT "milestones_progress" CHECK("milestones"."progress" BETWEEN 0 AND 100),
	CONSTRAINT "milestones_due_date" CHECK(date(due_date) IS due_date),
	CONSTRAINT "milestones_start_date" CHECK(start_date IS NULL OR date(start_date) IS start_date),
	CONSTRAINT "milestones_completed_on" CHECK(completed_on IS NULL OR date(completed_on) IS completed_on),
	CONSTRAINT "milestones_start_before_due" CHECK("milestones"."start_date" IS NULL OR "milestones"."start_date" <= "milestones"."due_date"),
	CONSTRAINT "milestones_title_len" CHECK(length("milestones"."title") BETWEEN 1 AND 300)
);
--> statement-breakpoint
CREATE INDEX `milestones_coalition_due_idx` ON `milestones` (`coalition_id`,`due_date`,`id`);--> statement-breakpoint
CREATE INDEX `milestones_coalition_status_idx` ON `milestones` (`coalition_id`,`status`);--> statement-breakpoint
CREATE INDEX `milestones_track_idx` ON `milestones` (`track_id`);--> statement-breakpoint
CREATE INDEX `milestones_owner_idx` ON `milestones` (`owner_partner_id`);--> statement-breakpoint
CREATE TABLE `partners` (
	`id` text PRIMARY KEY NOT NULL,
	`coalition_id` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`country` text DEFAULT '' NOT NULL,
	`contact` text DEFAULT '' NOT NULL,
	`contributions` text DEFAULT '[]' NOT NULL,
	`influence` integer DEFAULT 3 NOT NULL,
	`interest` integer DEFAULT 3 NOT NULL,
	`stage` text DEFAULT 'identified' NOT NULL,
	`committed_on` text,
	`notes` text DEFAULT '' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`coalition_id`) REFERENCES `coalitions`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "partners_kind" CHECK(kind IN ('state', 'intergovernmental', 'civil_society', 'academia', 'philanthropy', 'private_sector', 'media', 'individual')),
	CONSTRAINT "partners_stage" CHECK(stage IN ('identified', 'approached', 'in_dialogue', 'committed', 'champion')),
	CONSTRAINT "partners_influence" CHECK("partners"."influence" BETWEEN 1 AND 5),
	CONSTRAINT "partners_interest" CHECK("partners"."interest" BETWEEN 1 AND 5),
	CONSTRAINT "partners_contributions" CHECK(json_valid("partners"."contributions") AND json_type("partners"."contributions") = 'array'),
	CONSTRAINT "partners_committed_on" CHECK(committed_on IS NULL OR date(committed_on) IS committed_on),
	CONSTRAINT "partners_name_len" CHECK(length("partners"."name") BETWEEN 1 AND 200)
);
--> statement-breakpoint
CREATE INDEX `partners_coalition_name_idx` ON `partners` (`coalition_id`,`name`);--> statement-breakpoint
CREATE INDEX `partners_coalition_kind_idx` ON `partners` (`coalition_id`,`kind`);--> statement-breakpoint
CREATE INDEX `partners_coalition_stage_idx` ON `partners` (`coalition_id`,`stage`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`expires_at` integer NOT NULL,
	`absolute_expires_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `track_assignments` (
	`coalition_id` text NOT NULL,
	`partner_id` text NOT NULL,
	`track_id` text NOT NULL,
	`role` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`partner_id`, `track_id`),
	FOREIGN KEY (`coalition_id`) REFERENCES `coalitions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`track_id`) REFERENCES `tracks`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "track_assignments_role" CHECK(role IN ('lead', 'co_lead', 'contributor', 'supporter', 'observer'))
);
--> statement-breakpoint
CREATE INDEX `track_assignments_track_idx` ON `track_assignments` (`track_id`);--> statement-breakpoint
CREATE INDEX `track_assignments_coalition_idx` ON `track_assignments` (`coalition_id`);--> statement-breakpoint
CREATE TABLE `tracks` (
	`id` text PRIMARY KEY NOT NULL,
	`coalition_id` text NOT NULL,
	`name` text NOT NULL,
	`objective` text DEFAULT '' NOT NULL,
	`color` text DEFAULT '#2563eb' NOT NULL,
	`position` integer NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`coalition_id`) REFERENCES `coalitions`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "tracks_status" CHECK(status IN ('active', 'on_hold', 'achieved', 'dropped')),
	CONSTRAINT "tracks_color" CHECK("tracks"."color" GLOB '#[0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F]'),
	CONSTRAINT "tracks_name_len" CHECK(length("tracks"."name") BETWEEN 1 AND 200)
);
--> statement-breakpoint
CREATE INDEX `tracks_coalition_position_idx` ON `tracks` (`coalition_id`,`position`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	CONSTRAINT "users_email_len" CHECK(length("users"."email") BETWEEN 3 AND 254),
	CONSTRAINT "users_name_len" CHECK(length("users"."name") BETWEEN 1 AND 100)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_lower_uq` ON `users` (lower("email"));
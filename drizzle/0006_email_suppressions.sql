CREATE TABLE `email_suppressions` (
	`email` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL
);

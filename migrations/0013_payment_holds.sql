CREATE TABLE `stripe_events` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`created_at` integer NOT NULL,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `appointments` ADD `payment_due_by` integer;--> statement-breakpoint
ALTER TABLE `payments` ADD `checkout_session_id` text;--> statement-breakpoint
ALTER TABLE `payments` ADD `paid_at` integer;
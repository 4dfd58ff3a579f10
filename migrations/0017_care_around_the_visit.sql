CREATE TABLE `appointment_intakes` (
	`appointment_id` text PRIMARY KEY NOT NULL,
	`answers_sealed` text NOT NULL,
	`red_flag` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`appointment_id`) REFERENCES `appointments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `appointment_series` (
	`id` text PRIMARY KEY NOT NULL,
	`doctor_id` text NOT NULL,
	`patient_id` text NOT NULL,
	`frequency` text NOT NULL,
	`occurrences` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`doctor_id`) REFERENCES `doctors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`patient_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "appointment_series_frequency_check" CHECK("appointment_series"."frequency" in ('weekly', 'biweekly'))
);
--> statement-breakpoint
CREATE INDEX `appointment_series_doctor_idx` ON `appointment_series` (`doctor_id`);--> statement-breakpoint
CREATE TABLE `consultation_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`patient_id` text NOT NULL,
	`doctor_id` text NOT NULL,
	`type` text NOT NULL,
	`problem_sealed` text NOT NULL,
	`preferred_times` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`decline_reason` text,
	`appointment_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`patient_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`doctor_id`) REFERENCES `doctors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`appointment_id`) REFERENCES `appointments`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "consultation_requests_status_check" CHECK("consultation_requests"."status" in ('open', 'proposed', 'booked', 'declined', 'withdrawn'))
);
--> statement-breakpoint
CREATE INDEX `consultation_requests_doctor_idx` ON `consultation_requests` (`doctor_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `consultation_requests_patient_idx` ON `consultation_requests` (`patient_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `slot_offers` (
	`id` text PRIMARY KEY NOT NULL,
	`source` text NOT NULL,
	`entry_id` text,
	`request_id` text,
	`patient_id` text NOT NULL,
	`doctor_id` text NOT NULL,
	`start_at` integer NOT NULL,
	`end_at` integer NOT NULL,
	`type` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`expires_at` integer NOT NULL,
	`appointment_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`patient_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`doctor_id`) REFERENCES `doctors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`appointment_id`) REFERENCES `appointments`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "slot_offers_source_check" CHECK("slot_offers"."source" in ('waitlist', 'request')),
	CONSTRAINT "slot_offers_status_check" CHECK("slot_offers"."status" in ('open', 'taken', 'expired', 'withdrawn'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `slot_offers_open_slot_unique` ON `slot_offers` (`doctor_id`,`start_at`) WHERE "slot_offers"."status" = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX `slot_offers_entry_slot_unique` ON `slot_offers` (`entry_id`,`start_at`);--> statement-breakpoint
CREATE INDEX `slot_offers_status_idx` ON `slot_offers` (`status`,`expires_at`);--> statement-breakpoint
CREATE INDEX `slot_offers_patient_idx` ON `slot_offers` (`patient_id`,`status`);--> statement-breakpoint
CREATE TABLE `waitlist_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`patient_id` text NOT NULL,
	`doctor_id` text NOT NULL,
	`from_date` text NOT NULL,
	`to_date` text NOT NULL,
	`weekdays` text DEFAULT '' NOT NULL,
	`times_of_day` text DEFAULT '' NOT NULL,
	`timezone` text NOT NULL,
	`type` text NOT NULL,
	`reason` text NOT NULL,
	`status` text DEFAULT 'waiting' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`patient_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`doctor_id`) REFERENCES `doctors`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "waitlist_status_check" CHECK("waitlist_entries"."status" in ('waiting', 'booked', 'left', 'expired')),
	CONSTRAINT "waitlist_type_check" CHECK("waitlist_entries"."type" in ('video', 'chat', 'in_person')),
	CONSTRAINT "waitlist_range_check" CHECK("waitlist_entries"."from_date" <= "waitlist_entries"."to_date")
);
--> statement-breakpoint
CREATE INDEX `waitlist_doctor_idx` ON `waitlist_entries` (`doctor_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `waitlist_patient_idx` ON `waitlist_entries` (`patient_id`,`status`);--> statement-breakpoint
ALTER TABLE `specialties` ADD `intake_symptoms` text;--> statement-breakpoint
ALTER TABLE `specialties` ADD `intake_red_flags` text;--> statement-breakpoint
ALTER TABLE `appointments` ADD `urgent` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `appointments` ADD `series_id` text;--> statement-breakpoint
ALTER TABLE `appointments` ADD `follow_up_on` text;--> statement-breakpoint
CREATE INDEX `appointments_series_idx` ON `appointments` (`series_id`,`start_at`);--> statement-breakpoint
ALTER TABLE `reviews` ADD `anonymous` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `reviews` ADD `reply` text;--> statement-breakpoint
ALTER TABLE `reviews` ADD `replied_at` integer;--> statement-breakpoint
ALTER TABLE `reviews` ADD `reported_at` integer;--> statement-breakpoint
ALTER TABLE `reviews` ADD `reported_by` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `reviews` ADD `report_reason` text;--> statement-breakpoint
ALTER TABLE `reviews` ADD `moderated_at` integer;--> statement-breakpoint
CREATE INDEX `reviews_queue_idx` ON `reviews` (`moderated_at`,`reported_at`);
CREATE TABLE `clinics` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`address` text,
	`phone` text,
	`email` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `clinics_name_unique` ON `clinics` (lower("name"));--> statement-breakpoint
CREATE TABLE `support_ticket_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`ticket_id` text NOT NULL,
	`author_id` text NOT NULL,
	`body` text NOT NULL,
	`internal` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`ticket_id`) REFERENCES `support_tickets`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `support_ticket_messages_ticket_idx` ON `support_ticket_messages` (`ticket_id`,`created_at`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_support_tickets` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`category` text DEFAULT 'other' NOT NULL,
	`subject` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`appointment_id` text,
	`status` text DEFAULT 'open' NOT NULL,
	`priority` text DEFAULT 'normal' NOT NULL,
	`assigned_admin_id` text,
	`conversation_id` text,
	`attachment_key` text,
	`attachment_name` text,
	`attachment_type` text,
	`attachment_bytes` integer,
	`first_response_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`resolved_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`appointment_id`) REFERENCES `appointments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assigned_admin_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "support_tickets_status_check" CHECK("__new_support_tickets"."status" in ('open', 'waiting', 'resolved', 'closed')),
	CONSTRAINT "support_tickets_priority_check" CHECK("__new_support_tickets"."priority" in ('low', 'normal', 'high', 'urgent')),
	CONSTRAINT "support_tickets_category_check" CHECK("__new_support_tickets"."category" in ('account', 'appointment', 'technical', 'billing', 'other'))
);
--> statement-breakpoint
-- Written by hand: the old table has only these columns ('pending' is now 'waiting').
INSERT INTO `__new_support_tickets`("id", "user_id", "subject", "status", "priority", "assigned_admin_id", "conversation_id", "created_at", "updated_at", "resolved_at") SELECT "id", "user_id", "subject", CASE "status" WHEN 'pending' THEN 'waiting' ELSE "status" END, "priority", "assigned_admin_id", "conversation_id", "created_at", "updated_at", "resolved_at" FROM `support_tickets`;--> statement-breakpoint
DROP TABLE `support_tickets`;--> statement-breakpoint
ALTER TABLE `__new_support_tickets` RENAME TO `support_tickets`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `support_tickets_user_idx` ON `support_tickets` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `support_tickets_status_idx` ON `support_tickets` (`status`,`priority`,`created_at`);--> statement-breakpoint
CREATE INDEX `support_tickets_created_idx` ON `support_tickets` (`created_at`);--> statement-breakpoint
ALTER TABLE `users` ADD `clinic_id` text REFERENCES clinics(id);--> statement-breakpoint
CREATE TABLE `__new_doctor_documents` (
	`id` text PRIMARY KEY NOT NULL,
	`doctor_id` text NOT NULL,
	`kind` text DEFAULT 'other' NOT NULL,
	`title` text NOT NULL,
	`content_type` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`sha256` text DEFAULT '' NOT NULL,
	`storage_key` text NOT NULL,
	`created_at` integer NOT NULL,
	`reviewed_at` integer,
	`reviewed_by` text,
	FOREIGN KEY (`doctor_id`) REFERENCES `doctors`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reviewed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "doctor_documents_kind_check" CHECK("__new_doctor_documents"."kind" in ('licence', 'certificate', 'other')),
	CONSTRAINT "doctor_documents_size_check" CHECK("__new_doctor_documents"."size_bytes" between 1 and 10485760)
);
--> statement-breakpoint
-- Written by hand: the old table has only these columns.
INSERT INTO `__new_doctor_documents`("id", "doctor_id", "title", "content_type", "size_bytes", "storage_key", "created_at") SELECT "id", "doctor_id", "title", "content_type", "size_bytes", "storage_key", "created_at" FROM `doctor_documents`;--> statement-breakpoint
DROP TABLE `doctor_documents`;--> statement-breakpoint
ALTER TABLE `__new_doctor_documents` RENAME TO `doctor_documents`;--> statement-breakpoint
CREATE INDEX `doctor_documents_doctor_idx` ON `doctor_documents` (`doctor_id`);--> statement-breakpoint
ALTER TABLE `doctors` ADD `license_expires_on` text;--> statement-breakpoint
ALTER TABLE `doctors` ADD `clinic_id` text REFERENCES clinics(id);--> statement-breakpoint
CREATE INDEX `doctors_clinic_idx` ON `doctors` (`clinic_id`);
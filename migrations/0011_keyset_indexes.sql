DROP INDEX `audit_log_created_idx`;--> statement-breakpoint
CREATE INDEX `audit_log_created_idx` ON `audit_log` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `users_created_id_idx` ON `users` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `appointments_start_id_idx` ON `appointments` (`start_at`,`id`);--> statement-breakpoint
CREATE INDEX `appointments_created_id_idx` ON `appointments` (`created_at`,`id`);
ALTER TABLE `audit_log` ADD `prev_hash` text;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `hash` text;--> statement-breakpoint
CREATE INDEX `audit_log_unsealed_idx` ON `audit_log` (`hash`) WHERE "audit_log"."hash" is null;--> statement-breakpoint
-- The audit log is append-only: no row is ever deleted, and a row changes once only, when the
-- sealing job fills in its hashes (nothing else may change, and a sealed row not at all).
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log`
BEGIN
  SELECT RAISE(ABORT, 'audit log rows cannot be deleted');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_seal_only` BEFORE UPDATE ON `audit_log`
WHEN OLD.`hash` IS NOT NULL
  OR NEW.`id` IS NOT OLD.`id` OR NEW.`actor_user_id` IS NOT OLD.`actor_user_id` OR NEW.`actor_role` IS NOT OLD.`actor_role`
  OR NEW.`action` IS NOT OLD.`action` OR NEW.`entity_type` IS NOT OLD.`entity_type` OR NEW.`entity_id` IS NOT OLD.`entity_id`
  OR NEW.`subject_user_id` IS NOT OLD.`subject_user_id` OR NEW.`ip` IS NOT OLD.`ip` OR NEW.`user_agent` IS NOT OLD.`user_agent`
  OR NEW.`request_id` IS NOT OLD.`request_id` OR NEW.`metadata` IS NOT OLD.`metadata` OR NEW.`created_at` IS NOT OLD.`created_at`
BEGIN
  SELECT RAISE(ABORT, 'audit log rows cannot be changed');
END;

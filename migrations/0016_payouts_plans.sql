PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_doctor_subscriptions` (
	`id` text PRIMARY KEY NOT NULL,
	`doctor_id` text NOT NULL,
	`plan_id` text NOT NULL,
	`status` text NOT NULL,
	`provider` text DEFAULT 'local' NOT NULL,
	`stripe_subscription_id` text,
	`checkout_session_id` text,
	`current_period_end` integer NOT NULL,
	`features_until` integer,
	`cancel_at_period_end` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`doctor_id`) REFERENCES `doctors`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`plan_id`) REFERENCES `subscription_plans`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "doctor_subscriptions_status_check" CHECK("__new_doctor_subscriptions"."status" in ('incomplete', 'active', 'past_due', 'cancelled'))
);
--> statement-breakpoint
INSERT INTO `__new_doctor_subscriptions`("id", "doctor_id", "plan_id", "status", "current_period_end", "features_until", "created_at", "updated_at") SELECT "id", "doctor_id", "plan_id", "status", "current_period_end", "current_period_end", "created_at", "created_at" FROM `doctor_subscriptions`;--> statement-breakpoint
DROP TABLE `doctor_subscriptions`;--> statement-breakpoint
ALTER TABLE `__new_doctor_subscriptions` RENAME TO `doctor_subscriptions`;--> statement-breakpoint
CREATE INDEX `doctor_subscriptions_doctor_idx` ON `doctor_subscriptions` (`doctor_id`,`status`);--> statement-breakpoint
CREATE UNIQUE INDEX `doctor_subscriptions_live_unique` ON `doctor_subscriptions` (`doctor_id`) WHERE "doctor_subscriptions"."status" in ('active', 'past_due');--> statement-breakpoint
CREATE UNIQUE INDEX `doctor_subscriptions_stripe_unique` ON `doctor_subscriptions` (`stripe_subscription_id`) WHERE "doctor_subscriptions"."stripe_subscription_id" is not null;--> statement-breakpoint
ALTER TABLE `doctors` ADD `stripe_account_id` text;--> statement-breakpoint
ALTER TABLE `doctors` ADD `payouts_enabled` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE TABLE `__new_subscription_plans` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`price_cents` integer NOT NULL,
	`currency` text DEFAULT 'USD' NOT NULL,
	`interval` text DEFAULT 'month' NOT NULL,
	`commission_percent` integer DEFAULT 10 NOT NULL,
	`max_consultation_types` integer,
	`features` text DEFAULT '[]' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	CONSTRAINT "subscription_plans_price_check" CHECK("__new_subscription_plans"."price_cents" >= 0),
	CONSTRAINT "subscription_plans_commission_check" CHECK("__new_subscription_plans"."commission_percent" between 0 and 100),
	CONSTRAINT "subscription_plans_types_check" CHECK("__new_subscription_plans"."max_consultation_types" is null or "__new_subscription_plans"."max_consultation_types" >= 1)
);
--> statement-breakpoint
INSERT INTO `__new_subscription_plans`("id", "name", "price_cents", "currency", "interval", "features", "active", "created_at") SELECT "id", "name", "price_cents", "currency", "interval", "features", "active", "created_at" FROM `subscription_plans`;--> statement-breakpoint
DROP TABLE `subscription_plans`;--> statement-breakpoint
ALTER TABLE `__new_subscription_plans` RENAME TO `subscription_plans`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
ALTER TABLE `payments` ADD `payout_id` text REFERENCES payouts(id);--> statement-breakpoint
CREATE INDEX `payments_payout_idx` ON `payments` (`payout_id`);--> statement-breakpoint
ALTER TABLE `payouts` ADD `provider` text DEFAULT 'local' NOT NULL;--> statement-breakpoint
ALTER TABLE `payouts` ADD `transfer_id` text;--> statement-breakpoint
ALTER TABLE `payouts` ADD `failure` text;--> statement-breakpoint
CREATE INDEX `payouts_status_idx` ON `payouts` (`status`);--> statement-breakpoint
ALTER TABLE `refunds` ADD `payout_id` text REFERENCES payouts(id);
CREATE TABLE `receipt_counters` (
	`year` integer PRIMARY KEY NOT NULL,
	`last` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `refunds` ADD `receipt_number` text;--> statement-breakpoint
CREATE UNIQUE INDEX `refunds_receipt_unique` ON `refunds` (`receipt_number`) WHERE "refunds"."receipt_number" is not null;
-- A patient's zone is unknown until their device tells it at sign-up or they choose one: NULL,
-- no longer a 'UTC' default that hid the zone they booked in. (libSQL's ALTER COLUMN; no index
-- uses the column.) Every patient had 'UTC' by default and a deliberate 'UTC' cannot be told
-- apart, so 'UTC' becomes unknown; the next save of the profile sets a zone again.
ALTER TABLE `patient_profiles` ALTER COLUMN "timezone" TO "timezone" text;--> statement-breakpoint
UPDATE `patient_profiles` SET `timezone` = NULL WHERE `timezone` = 'UTC';--> statement-breakpoint
-- The zone the patient saw the time in when booking.
ALTER TABLE `appointments` ADD `patient_timezone` text;

-- Written by hand: a column with its CHECK added in place (drizzle-kit would rebuild the table,
-- and copy a column the old table does not have). The snapshot's table-level check is this one.
ALTER TABLE `doctor_consultation_types` ADD `fee_cents` integer CONSTRAINT "doctor_consultation_types_fee_check" CHECK ("fee_cents" is null or "fee_cents" >= 0);

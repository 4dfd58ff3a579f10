import { sql } from 'drizzle-orm'
import type { Db } from '../db/client'
import { payments, receiptCounters, refunds } from '../db/schema'

// Receipt numbers: one gap-free sequence a year (MC-2027-000001), shared by payments and refunds.
// The next number is taken and written on its receipt in the same batch (one transaction, which
// libSQL runs one at a time), and only for a row that needs one — so concurrent payments never
// share a number and no number is ever skipped.

const NEEDS = {
  payments: (id: string) => sql`exists (select 1 from ${payments} where ${payments.id} = ${id} and ${payments.invoiceNumber} is null and ${payments.status} in ('succeeded', 'partially_refunded', 'refunded'))`,
  refunds: (id: string) => sql`exists (select 1 from ${refunds} where ${refunds.id} = ${id} and ${refunds.receiptNumber} is null and ${refunds.status} = 'succeeded')`,
}

/** The statements that give a payment (once it succeeded) or a refund (once done) its receipt number. */
export function receiptNumberStatements(db: Db, target: { kind: 'payments' | 'refunds'; id: string }, now: Date) {
  // An integer we make (never input), written as one: a bound JS number would reach SQLite as 2026.0.
  const year = sql.raw(String(now.getUTCFullYear()))
  const needs = NEEDS[target.kind](target.id)
  const number = sql`'MC-' || ${year} || '-' || printf('%06d', (select ${receiptCounters.last} from ${receiptCounters} where ${receiptCounters.year} = ${year}))`
  return [
    db.run(sql`insert into ${receiptCounters} (year, last) select ${year}, 1 where ${needs} on conflict (year) do update set last = last + 1`),
    target.kind === 'payments'
      ? db.run(sql`update ${payments} set invoice_number = ${number} where ${payments.id} = ${target.id} and ${needs}`)
      : db.run(sql`update ${refunds} set receipt_number = ${number} where ${refunds.id} = ${target.id} and ${needs}`),
  ] as const
}

import { and, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { appointments, doctors, payments, payouts, refunds, users } from '../../db/schema'

// What a doctor is owed, and the payouts that pass it on. A payment's share is what the patient
// paid less the platform's commission; it becomes payable once its visit is over — completed,
// missed, or cancelled (what was not refunded is theirs) — and no refund of it is still on its
// way. A refund takes back its amount less the commission it returns. Each share and each refund is paid out
// once: a payout stamps them (payout_id) in the same transaction that sets its amount.

const PAID = sql.raw(`('succeeded', 'partially_refunded', 'refunded')`)
const payableShare = sql`p.payout_id is null and p.status in ${PAID} and a.status in ('completed', 'no_show', 'cancelled')
  and not exists (select 1 from ${refunds} pr where pr.payment_id = p.id and pr.status = 'pending')`
const refundTaken = sql`(r.amount_cents - cast(round(r.amount_cents * p.commission_cents * 1.0 / p.amount_cents) as integer))`

/** The entries not yet paid out (shares +, refunds −) as rows of (doctor, currency, amount). */
const unpaidEntries = (where: SQL) => sql`
  select p.doctor_id as doctor_id, p.currency as currency, p.amount_cents - p.commission_cents as amount
    from ${payments} p join ${appointments} a on a.id = p.appointment_id where ${payableShare} and ${where}
  union all
  select p.doctor_id, p.currency, -${refundTaken}
    from ${refunds} r join ${payments} p on p.id = r.payment_id left join ${appointments} a on a.id = p.appointment_id
    where r.status = 'succeeded' and r.payout_id is null and (p.payout_id is not null or (${payableShare})) and ${where}`

/** What the doctor is owed and not yet paid, per currency. */
export const unpaidBalanceStatement = (db: Db, doctorId: string) =>
  db.all<{ currency: string; amount: number }>(sql`select currency, sum(amount) as amount from (${unpaidEntries(sql`p.doctor_id = ${doctorId}`)}) group by currency`)

/** Doctors whose accounts take payouts and who are owed something, per currency. */
export const payoutsDueStatement = (db: Db, limit: number) =>
  db.all<{ doctor_id: string; currency: string; amount: number }>(sql`
    select x.doctor_id, x.currency, sum(x.amount) as amount from (${unpaidEntries(sql`1 = 1`)}) x
      join ${doctors} d on d.id = x.doctor_id
      where d.payouts_enabled = 1 and d.stripe_account_id is not null
      group by x.doctor_id, x.currency having sum(x.amount) > 0
      limit ${limit}`)

/**
 * A payout of everything the doctor is owed in a currency, as one transaction: the payout, its
 * entries stamped, its amount and period from them. Should it come to nothing (a refund arrived
 * meanwhile), it is undone in the same transaction and the entries wait for the next run. A
 * local (test mode) payout is paid at once.
 */
export function createPayoutStatements(db: Db, payout: { id: string; doctorId: string; currency: string; provider: 'stripe' | 'local'; now: Date }) {
  const { id, doctorId, currency, now } = payout
  const at = now.getTime()
  const nothing = sql`(select amount_cents from ${payouts} where id = ${id}) <= 0`
  return [
    db.run(sql`insert into ${payouts} (id, doctor_id, amount_cents, currency, period_start, period_end, status, provider, created_at) values (${id}, ${doctorId}, 0, ${currency}, ${at}, ${at}, 'pending', ${payout.provider}, ${at})`),
    db.run(sql`update ${payments} set payout_id = ${id} where id in (
      select p.id from ${payments} p join ${appointments} a on a.id = p.appointment_id where ${payableShare} and p.doctor_id = ${doctorId} and p.currency = ${currency})`),
    db.run(sql`update ${refunds} set payout_id = ${id} where status = 'succeeded' and payout_id is null and payment_id in (
      select p.id from ${payments} p where p.doctor_id = ${doctorId} and p.currency = ${currency} and p.payout_id is not null)`),
    db.run(sql`update ${payouts} set
      amount_cents = (select coalesce(sum(p.amount_cents - p.commission_cents), 0) from ${payments} p where p.payout_id = ${id})
        - (select coalesce(sum(${refundTaken}), 0) from ${refunds} r join ${payments} p on p.id = r.payment_id where r.payout_id = ${id}),
      period_start = coalesce((select min(coalesce(p.paid_at, p.created_at)) from ${payments} p where p.payout_id = ${id}), ${at})
      where id = ${id}`),
    db.run(sql`update ${payments} set payout_id = null where payout_id = ${id} and ${nothing}`),
    db.run(sql`update ${refunds} set payout_id = null where payout_id = ${id} and ${nothing}`),
    db.run(sql`delete from ${payouts} where id = ${id} and amount_cents <= 0`),
    db.run(sql`update ${payouts} set status = 'paid', paid_at = ${at} where id = ${id} and provider = 'local'`),
  ] as const
}

const payoutColumns = {
  id: payouts.id,
  doctorId: payouts.doctorId,
  amountCents: payouts.amountCents,
  currency: payouts.currency,
  periodStart: payouts.periodStart,
  periodEnd: payouts.periodEnd,
  status: payouts.status,
  provider: payouts.provider,
  transferId: payouts.transferId,
  failure: payouts.failure,
  paidAt: payouts.paidAt,
  createdAt: payouts.createdAt,
}

export const payoutStatement = (db: Db, id: string) =>
  db
    .select({ ...payoutColumns, account: doctors.stripeAccountId })
    .from(payouts)
    .innerJoin(doctors, eq(doctors.id, payouts.doctorId))
    .where(eq(payouts.id, id))
export type PayoutRow = Awaited<ReturnType<typeof payoutStatement>>[number]

/** The doctor's payouts, newest first. */
export const doctorPayoutsStatement = (db: Db, doctorId: string, limit: number) => db.select(payoutColumns).from(payouts).where(eq(payouts.doctorId, doctorId)).orderBy(desc(payouts.createdAt)).limit(limit)

/** Stripe payouts whose transfer has not gone through yet (to retry). */
export const unsentPayoutsStatement = (db: Db, limit: number) =>
  db
    .select({ ...payoutColumns, account: doctors.stripeAccountId })
    .from(payouts)
    .innerJoin(doctors, eq(doctors.id, payouts.doctorId))
    .where(and(eq(payouts.provider, 'stripe'), inArray(payouts.status, ['pending', 'failed']), isNull(payouts.transferId)))
    .limit(limit)

export const payoutSentStatement = (db: Db, id: string, transferId: string, now: Date) => db.update(payouts).set({ status: 'paid', transferId, failure: null, paidAt: now }).where(eq(payouts.id, id))

export const payoutFailedStatement = (db: Db, id: string, failure: string) => db.update(payouts).set({ status: 'failed', failure }).where(and(eq(payouts.id, id), isNull(payouts.transferId)))

/** The doctor's payout account: their Stripe (or local) account id, whether it takes payouts. */
export const payoutAccountStatement = (db: Db, doctorId: string) =>
  db
    .select({ accountId: doctors.stripeAccountId, payoutsEnabled: doctors.payoutsEnabled, email: users.email })
    .from(doctors)
    .innerJoin(users, eq(users.id, doctors.userId))
    .where(eq(doctors.id, doctorId))

/** The doctor's account, once made (only if they have none: a second request keeps the first). */
export const setPayoutAccountStatement = (db: Db, doctorId: string, accountId: string) =>
  db.update(doctors).set({ stripeAccountId: accountId }).where(and(eq(doctors.id, doctorId), isNull(doctors.stripeAccountId)))

/** Stripe reports what the account may do now. */
export const accountUpdatedStatement = (db: Db, accountId: string, payoutsEnabled: boolean) => db.update(doctors).set({ payoutsEnabled }).where(eq(doctors.stripeAccountId, accountId))

import { requireDoctor, type RequestContext } from '../../core/context'
import { appLink } from '../../core/mail/send'
import { localPaymentsAllowed, stripeClient, stripeConfigured } from '../../core/stripe'
import { BadRequestError } from '../../lib/errors'
import { newId } from '../../lib/ids'
import { describeError, log } from '../../lib/log'
import {
  accountUpdatedStatement,
  createPayoutStatements,
  doctorPayoutsStatement,
  payoutAccountStatement,
  payoutFailedStatement,
  payoutSentStatement,
  payoutsDueStatement,
  payoutStatement,
  setPayoutAccountStatement,
  unpaidBalanceStatement,
  unsentPayoutsStatement,
  type PayoutRow,
} from './queries'

// Doctors' payouts through Stripe Connect: each doctor onboards an Express account (Stripe's
// hosted pages collect their identity and bank details — never us); the weekly run transfers to
// it what completed visits earned them since the last payout, less commission and refunds. In
// local test mode the account is a local one, onboarded on a test page, and payouts are paid at
// once.

export type PayoutAccountStatus = 'none' | 'onboarding' | 'enabled'

/** The signed-in doctor's payouts page: their account's state, what they are owed, their payouts. */
export async function payoutsOf(ctx: RequestContext) {
  const doctor = requireDoctor(ctx)
  const [[account], balance, items] = await ctx.db.batch([payoutAccountStatement(ctx.db, doctor.doctorId), unpaidBalanceStatement(ctx.db, doctor.doctorId), doctorPayoutsStatement(ctx.db, doctor.doctorId, 100)])
  const status: PayoutAccountStatus = !account?.accountId ? 'none' : account.payoutsEnabled ? 'enabled' : 'onboarding'
  return { status, balance: balance.filter((b) => b.amount !== 0), items }
}

/**
 * Where the doctor goes to set up (or finish setting up) payouts: their Express account is made
 * once (an idempotency key per doctor; a second request keeps the first account) and Stripe's
 * onboarding link made for it; locally, the test onboarding page.
 */
export async function onboardingLink(ctx: RequestContext) {
  const doctor = requireDoctor(ctx)
  const viaStripe = stripeConfigured(ctx.env)
  if (!viaStripe && !localPaymentsAllowed(ctx.env)) throw new BadRequestError('Payouts are not available at the moment.')
  const [account] = await payoutAccountStatement(ctx.db, doctor.doctorId)
  let accountId = account?.accountId
  if (!accountId) {
    const made = viaStripe
      ? (await stripeClient(ctx.env).accounts.create({ type: 'express', email: account?.email, capabilities: { transfers: { requested: true } }, metadata: { doctor_id: doctor.doctorId } }, { idempotencyKey: `account-${doctor.doctorId}` })).id
      : `acct_local_${doctor.doctorId}`
    await setPayoutAccountStatement(ctx.db, doctor.doctorId, made)
    accountId = (await payoutAccountStatement(ctx.db, doctor.doctorId))[0]!.accountId!
  }
  if (!viaStripe) return '/doctor/payouts/onboarding/local'
  const link = await stripeClient(ctx.env).accountLinks.create({
    account: accountId,
    type: 'account_onboarding',
    refresh_url: appLink(ctx, '/doctor/payouts/onboarding'),
    return_url: appLink(ctx, '/doctor/payouts?done=onboarding'),
  })
  return link.url
}

/** Stripe says what an account may do now (`account.updated`): payouts once details are in. */
export async function accountUpdated(ctx: RequestContext, account: { id: string; payouts_enabled?: boolean; details_submitted?: boolean }) {
  const result = await accountUpdatedStatement(ctx.db, account.id, Boolean(account.payouts_enabled && account.details_submitted))
  return result.rowsAffected > 0 ? 'account_updated' : 'ignored'
}

/**
 * Back from Stripe's onboarding: the account's state asked of Stripe at once, so the page is
 * right even before (or without) the webhook.
 */
export async function refreshAccount(ctx: RequestContext) {
  const doctor = requireDoctor(ctx)
  const [account] = await payoutAccountStatement(ctx.db, doctor.doctorId)
  if (!stripeConfigured(ctx.env) || !account?.accountId || account.payoutsEnabled) return
  await accountUpdated(ctx, await stripeClient(ctx.env).accounts.retrieve(account.accountId))
}

/**
 * The weekly payouts run: first the Stripe transfers an earlier run could not make, then a payout
 * for each doctor (and currency) owed something whose account takes payouts. Safe to run twice:
 * entries are stamped with their payout as it is made, and each transfer carries its payout's id
 * as the idempotency key (and as its transfer group, looked up before a retry).
 */
export async function runPayouts(ctx: RequestContext, bounds = { perRun: 200 }) {
  const viaStripe = stripeConfigured(ctx.env)
  let paid = 0
  let failed = 0
  const count = (ok: boolean) => (ok ? paid++ : failed++)
  if (viaStripe) for (const payout of await unsentPayoutsStatement(ctx.db, bounds.perRun)) count(await sendTransfer(ctx, payout))
  if (!viaStripe && !localPaymentsAllowed(ctx.env)) return { paid, failed }
  for (const due of await payoutsDueStatement(ctx.db, bounds.perRun)) {
    const id = newId('pyo')
    const made = await ctx.db.batch([...createPayoutStatements(ctx.db, { id, doctorId: due.doctor_id, currency: due.currency, provider: viaStripe ? 'stripe' : 'local', now: ctx.now }), payoutStatement(ctx.db, id)])
    const [payout] = made[made.length - 1] as Awaited<ReturnType<typeof payoutStatement>>
    if (!payout) continue
    count(viaStripe ? await sendTransfer(ctx, payout) : true)
  }
  return { paid, failed }
}

/** The Stripe transfer of a payout (once, whatever happens); false when Stripe refused it this time. */
async function sendTransfer(ctx: RequestContext, payout: PayoutRow & { account: string | null }) {
  const stripe = stripeClient(ctx.env)
  try {
    if (!payout.account) throw new Error('The doctor has no payout account')
    const [earlier] = (await stripe.transfers.list({ transfer_group: payout.id, limit: 1 })).data
    const transfer =
      earlier ??
      (await stripe.transfers.create(
        { amount: payout.amountCents, currency: payout.currency.toLowerCase(), destination: payout.account, transfer_group: payout.id, metadata: { payout_id: payout.id, doctor_id: payout.doctorId } },
        { idempotencyKey: `payout-${payout.id}` },
      ))
    await payoutSentStatement(ctx.db, payout.id, transfer.id, ctx.now)
    return true
  } catch (err) {
    const failure = err instanceof Error ? err.message.slice(0, 300) : 'The transfer failed'
    await payoutFailedStatement(ctx.db, payout.id, failure)
    log('warn', 'payout transfer failed', { payout_id: payout.id, ...describeError(err) })
    return false
  }
}

import { toIsoInstant } from '../../lib/time'
import type { PayoutRow } from './queries'

export const toApiPayout = (p: Omit<PayoutRow, 'account'>) => ({
  id: p.id,
  amount_cents: p.amountCents,
  currency: p.currency,
  period_start: toIsoInstant(p.periodStart),
  period_end: toIsoInstant(p.periodEnd),
  status: p.status,
  failure: p.failure,
  paid_at: p.paidAt ? toIsoInstant(p.paidAt) : null,
})

export const toApiPayouts = (view: { status: 'none' | 'onboarding' | 'enabled'; balance: { currency: string; amount: number }[]; items: Omit<PayoutRow, 'account'>[] }) => ({
  account_status: view.status,
  balance: view.balance.map((b) => ({ currency: b.currency, amount_cents: b.amount })),
  items: view.items.map(toApiPayout),
})

// Every kind of notification a person can receive, and how it reaches them by default. In-app
// is always on (the bell and /notifications); email, push and SMS follow the person's
// preferences, except that an essential kind is always emailed: what changes a booking must
// reach the person even if they never open the app.
export type Channel = 'email' | 'push' | 'sms'
export const CHANNELS: readonly Channel[] = ['email', 'push', 'sms']

type KindInfo = {
  label: string
  essential: boolean
  defaults: Record<Channel, boolean>
  // Whether the kind has an email at all (a document's notice is in-app and push only).
  emailed: boolean
  // SMS is for reminders and urgent changes only; other kinds never go by text message.
  sms: boolean
}

export const NOTICE_KINDS = {
  appointment_booked: {
    label: 'New bookings and requests',
    essential: true,
    defaults: { email: true, push: true, sms: false },
    emailed: true,
    sms: false,
  },
  appointment_changed: {
    label: 'Confirmations, declines, cancellations and new times',
    essential: true,
    defaults: { email: true, push: true, sms: false },
    emailed: true,
    sms: true,
  },
  reminder: {
    label: 'Reminders before a visit',
    essential: false,
    defaults: { email: true, push: true, sms: false },
    emailed: true,
    sms: true,
  },
  message: {
    label: 'Messages that wait for you',
    essential: false,
    defaults: { email: true, push: true, sms: false },
    emailed: true,
    sms: false,
  },
  prescription: {
    label: 'Prescriptions issued for you',
    essential: false,
    defaults: { email: true, push: true, sms: false },
    emailed: true,
    sms: false,
  },
  document: {
    label: 'Documents added to your visits',
    essential: false,
    defaults: { email: false, push: true, sms: false },
    emailed: false,
    sms: false,
  },
  verification: {
    label: 'Decisions about your doctor account (application, suspension)',
    essential: true,
    defaults: { email: true, push: false, sms: false },
    emailed: true,
    sms: false,
  },
  receipt: {
    label: 'Receipts for payments and refunds',
    essential: false,
    defaults: { email: true, push: false, sms: false },
    emailed: true,
    sms: false,
  },
  offer: {
    label: 'Times held for you (waitlist offers, answers to your requests, follow-ups)',
    essential: false,
    defaults: { email: true, push: true, sms: false },
    emailed: true,
    // An offer is held for minutes: a text message may be what reaches the person in time.
    sms: true,
  },
  review: {
    label: 'Reviews: new ones of you, and replies to yours',
    essential: false,
    defaults: { email: false, push: true, sms: false },
    emailed: false,
    sms: false,
  },
  support: {
    label: 'Answers to your support tickets',
    essential: false,
    defaults: { email: true, push: true, sms: false },
    emailed: true,
    sms: false,
  },
} as const satisfies Record<string, KindInfo>

export type NoticeKind = keyof typeof NOTICE_KINDS
export const NOTICE_KIND_NAMES = Object.keys(NOTICE_KINDS) as NoticeKind[]

export const isNoticeKind = (value: string): value is NoticeKind => Object.hasOwn(NOTICE_KINDS, value)

/** Whether a channel can be chosen for a kind at all (email for an essential kind is fixed on). */
export function channelChoosable(kind: NoticeKind, channel: Channel): boolean {
  const info: KindInfo = NOTICE_KINDS[kind]
  if (channel === 'email') return info.emailed && !info.essential
  if (channel === 'sms') return info.sms
  return true
}

export type Preferences = Record<NoticeKind, Record<Channel, boolean>>

/** A person's preferences: their rows over the defaults, with what cannot be chosen fixed. */
export function preferencesFrom(rows: { kind: string; email: boolean; push: boolean; sms: boolean }[]): Preferences {
  const chosen = new Map(rows.map((r) => [r.kind, r]))
  return Object.fromEntries(
    NOTICE_KIND_NAMES.map((kind) => {
      const info: KindInfo = NOTICE_KINDS[kind]
      const row = chosen.get(kind)
      const pick = (channel: Channel) => (channel === 'email' && info.essential ? true : channelChoosable(kind, channel) ? (row?.[channel] ?? info.defaults[channel]) : false)
      return [kind, { email: pick('email'), push: pick('push'), sms: pick('sms') }]
    }),
  ) as Preferences
}

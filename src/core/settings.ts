import { z } from 'zod'

// Every platform setting, in one place: its key in the `settings` table, what it means, its
// shape (checked when an admin saves it and again when it is read) and its default. Signed-in
// requests get them all with the session, at no extra round trip (ctx.settings); work without a
// session (jobs, public pages) reads them with settingsOf().
const hours = (max: number) => z.number('must be a number of hours').min(0, 'must be 0 or more').max(max, `must be at most ${max}`)

export const SETTINGS = {
  'appointments.policy': {
    label: 'Cancellation and reschedule notice',
    help: 'How many hours before the start a patient may still cancel or move an appointment online.',
    schema: z.object({ cancelNoticeHours: hours(336), rescheduleNoticeHours: hours(336) }).strict(),
    default: { cancelNoticeHours: 24, rescheduleNoticeHours: 24 },
  },
  'appointments.types': {
    label: 'Consultation types',
    help: 'The kinds of visit the platform offers. Doctors offer only these, and patients book only these; a type switched off keeps the visits already booked.',
    schema: z
      .object({ video: z.boolean('must be true or false'), chat: z.boolean('must be true or false'), in_person: z.boolean('must be true or false') })
      .strict()
      .refine((t) => t.video || t.chat || t.in_person, { message: 'at least one kind of visit must stay on', path: ['video'] }),
    default: { video: true, chat: true, in_person: true },
  },
  'appointments.requests': {
    label: 'Answering requests',
    help: 'A request must be answered within so many hours of being made, and at least so many hours before its start; otherwise it is declined.',
    schema: z.object({ respondWithinHours: hours(336).min(1, 'must be at least 1'), respondBeforeStartHours: hours(168) }).strict(),
    default: { respondWithinHours: 24, respondBeforeStartHours: 2 },
  },
  'payments.hold_minutes': {
    label: 'Paying at booking',
    help: 'Minutes a slot is held while the patient pays a doctor who charges up front; unpaid by then, the slot is free again.',
    schema: z.number('must be a number of minutes').int('must be whole minutes').min(5, 'must be at least 5').max(60, 'must be at most 60'),
    default: 15,
  },
  'payments.commission_percent': {
    label: 'Platform commission',
    help: 'The share of each payment the platform keeps; the rest is the doctor’s. A payment keeps the rate of the day it was paid.',
    schema: z.number('must be a number').min(0, 'must be 0 or more').max(50, 'must be at most 50'),
    default: 10,
  },
  'payments.late_cancel_refund_percent': {
    label: 'Refund of a late cancellation',
    help: 'The share of a paid visit refunded when the clinic cancels it at the patient’s request after the cancellation notice (patients cannot cancel that late online). Earlier, and whenever the doctor or clinic cancels for their own reasons, all of it is refunded.',
    schema: z.number('must be a number').int('must be a whole number').min(0, 'must be 0 or more').max(100, 'must be at most 100'),
    default: 50,
  },
  'payments.tax': {
    label: 'Tax on receipts',
    help: 'Where fees include a tax (VAT, GST), its name and rate: receipts show the part of each amount that is tax. A rate of 0 shows no tax line.',
    schema: z.object({ label: z.string().trim().max(40, 'must be at most 40 characters'), percent: z.number('must be a number').min(0, 'must be 0 or more').max(50, 'must be at most 50') }).strict(),
    default: { label: '', percent: 0 },
  },
  'plans.grace_days': {
    label: 'Plan grace period',
    help: 'Days a doctor’s subscription plan stays in force after a renewal payment fails; then its features end (never their patients’ appointments).',
    schema: z.number('must be a number of days').int('must be whole days').min(0, 'must be 0 or more').max(30, 'must be at most 30'),
    default: 7,
  },
  'plans.base_consultation_types': {
    label: 'Consultation types without a plan',
    help: 'How many kinds of visit a doctor without a subscription plan may offer (a plan may allow more).',
    schema: z.number('must be a number').int('must be a whole number').min(1, 'must be at least 1').max(3, 'must be at most 3'),
    default: 3,
  },
  'waitlist.offer_minutes': {
    label: 'Waitlist offers',
    help: 'Minutes a freed slot is held for the waiting patient it is offered to; not taken by then, it passes to the next one waiting.',
    schema: z.number('must be a number of minutes').int('must be whole minutes').min(5, 'must be at least 5').max(240, 'must be at most 240'),
    default: 15,
  },
  'requests.proposal_hours': {
    label: 'Answers to consultation requests',
    help: 'Hours the time a doctor proposes for a consultation request is held for the patient to confirm.',
    schema: z.number('must be a number of hours').int('must be whole hours').min(1, 'must be at least 1').max(168, 'must be at most 168'),
    default: 24,
  },
  'triage.emergency': {
    label: 'Emergency guidance for red flags',
    help: 'What a patient sees at once when their booking questionnaire names a red flag (chest pain, difficulty breathing, signs of stroke, thoughts of self-harm): the emergency number and crisis lines.',
    schema: z
      .object({
        number: z.string().trim().min(2, 'must be a phone number').max(20, 'must be at most 20 characters').regex(/^\+?[0-9 ()-]+$/, 'must be a phone number'),
        crisisLines: z.string().trim().max(300, 'must be at most 300 characters'),
      })
      .strict(),
    default: { number: '112', crisisLines: 'If you have thoughts of harming yourself, call or text a crisis line now: 988 in the US, 116 123 (Samaritans) in the UK and Ireland, or your local crisis line.' },
  },
  'reviews.flagged_words': {
    label: 'Reviews held for moderation',
    help: 'Words or phrases (one per line) that send a review to the moderation queue instead of publishing it at once.',
    schema: z.array(z.string().trim().min(2, 'must be at least 2 characters').max(40, 'must be at most 40 characters')).max(200, 'must be at most 200 words'),
    default: ['idiot', 'stupid', 'scam', 'fraud', 'lawsuit', 'sue', 'kill'],
  },
  reminders: {
    label: 'Reminders',
    help: 'Hours before a confirmed visit when its two reminders go out (real hours: see docs/reminders.md).',
    schema: z
      .object({ earlyHours: hours(336).min(1, 'must be at least 1'), lateHours: hours(48).min(0.25, 'must be at least 0.25') })
      .strict()
      .refine((r) => r.earlyHours > r.lateHours, { message: 'the early reminder must come before the late one', path: ['earlyHours'] }),
    default: { earlyHours: 24, lateHours: 1 },
  },
  'session.idle_minutes': {
    label: 'Automatic sign-out after inactivity',
    help: 'Minutes without a request after which each role is signed out (staff sooner: their screens show many records).',
    schema: z.object({ patient: z.number().int().min(1).max(1440), doctor: z.number().int().min(1).max(1440), admin: z.number().int().min(1).max(1440) }).strict(),
    default: { patient: 60, doctor: 30, admin: 15 },
  },
  'mail.retention_days': {
    label: 'Keeping sent email',
    help: 'Days after which the words of delivered emails and texts are erased (their record stays).',
    schema: z.number('must be a number of days').int('must be whole days').min(1, 'must be at least 1').max(3650, 'must be at most 3650'),
    default: 30,
  },
  'platform.emergency': {
    label: 'Emergency guidance',
    help: 'The line at the foot of every page.',
    schema: z.object({ text: z.string().trim().min(10, 'must say what to do, at least 10 characters').max(200, 'must be at most 200 characters') }).strict(),
    default: { text: 'In an emergency, call your local emergency number. MediConnect is not for emergencies.' },
  },
  'platform.contact': {
    label: 'Platform contact',
    help: 'Where people reach the clinic when the site cannot help (shown with refusals such as a late cancellation).',
    schema: z.object({ email: z.email('must be an email address').max(254), phone: z.string().trim().max(40).regex(/^\+?[0-9 ()-]*$/, 'must be a phone number') }).strict(),
    default: { email: 'care@mediconnect.example', phone: '' },
  },
} as const

export type SettingKey = keyof typeof SETTINGS
export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[]
export type Settings = { [K in SettingKey]: z.output<(typeof SETTINGS)[K]['schema']> }
export const isSettingKey = (key: string): key is SettingKey => Object.hasOwn(SETTINGS, key)

/**
 * The settings from their stored values, over the defaults (a stored object may name only some
 * of its fields); each one that is missing or no longer valid is its default.
 */
export function settingsFrom(stored: Record<string, unknown>): Settings {
  return Object.fromEntries(
    SETTING_KEYS.map((key) => {
      const fallback = SETTINGS[key].default
      const value = stored[key]
      const merged = typeof fallback === 'object' && value !== null && typeof value === 'object' ? { ...fallback, ...value } : value
      const parsed = (SETTINGS[key].schema as z.ZodType).safeParse(merged)
      return [key, parsed.success ? parsed.data : SETTINGS[key].default]
    }),
  ) as Settings
}

/** The consultation types on offer (the `appointments.types` setting), in their usual order. */
export const offeredTypes = (settings: Settings) => (['video', 'chat', 'in_person'] as const).filter((type) => settings['appointments.types'][type])

/** The kinds of visit a doctor can be booked for: theirs (any, for one who has not said) that the platform offers. */
export const bookableTypes = (settings: Settings, doctorTypes: readonly { type: 'video' | 'chat' | 'in_person' }[]) => {
  const offered = offeredTypes(settings)
  return doctorTypes.length ? offered.filter((type) => doctorTypes.some((t) => t.type === type)) : offered
}

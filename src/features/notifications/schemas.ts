import { z } from 'zod'
import { NOTICE_KIND_NAMES } from '../../core/notices/kinds'

export const NotificationsQuery = z.object({ cursor: z.string().max(200, 'is not a valid cursor').optional() })

export const CursorPosition = z.object({ createdAt: z.number().int(), id: z.string().max(40) })

// Either some ids (at most a page's worth) or all.
export const ReadInput = z.union(
  [
    z.object({ ids: z.array(z.string().min(1).max(40), 'must be a list of notification ids').min(1, 'must name at least one').max(100, 'must name at most 100') }).strict(),
    z.object({ all: z.literal(true, 'must be true') }).strict(),
  ],
  'give { "ids": [...] } or { "all": true }',
)

const Channels = z.object({ email: z.boolean('must be true or false'), push: z.boolean('must be true or false'), sms: z.boolean('must be true or false') }).partial()

// Kinds not named keep their current choice; channels not named keep theirs.
export const PreferencesInput = z.object({ preferences: z.partialRecord(z.enum(NOTICE_KIND_NAMES as [string, ...string[]], 'is not a kind of notification'), Channels) })

const base64url = (bytes: number) => z.string().regex(/^[A-Za-z0-9_-]+={0,2}$/, 'must be base64url').refine((v) => Math.floor((v.replace(/=+$/, '').length * 3) / 4) === bytes, `must be ${bytes} bytes`)

// What PushSubscription.toJSON() gives (expirationTime is ignored).
export const PushSubscriptionInput = z.object({
  endpoint: z.url({ protocol: /^https$/, error: 'must be an https address' }).max(1000, 'must be at most 1000 characters'),
  keys: z.object({ p256dh: base64url(65), auth: base64url(16) }),
})

export const PushEndpointInput = z.object({ endpoint: z.string().min(1, 'is required').max(1000, 'must be at most 1000 characters') })

export const PhoneInput = z.object({ phone: z.string().trim().min(1, 'is required').max(40, 'must be at most 40 characters') })
export const PhoneCodeInput = z.object({ code: z.string().trim().regex(/^\d{6}$/, 'must be the 6-digit code we sent') })

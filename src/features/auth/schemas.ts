import { z } from 'zod'
import { oneLine, PERSON_NAME_MAX, PersonName } from '../../core/input'
import { TOTP_DIGITS } from '../../lib/totp'

// Emails are compared after NFKC normalisation, trimming and case-folding, so "Ａdmin@x" and
// " admin@X " are the same account (and cannot be registered twice).
export function normaliseEmail(email: string): string {
  return email.normalize('NFKC').trim().toLowerCase()
}

// Length limits of the account forms, for the schemas below and the forms' maxlength.
export const ACCOUNT_LIMITS = { email: 254, password: 128, name: PERSON_NAME_MAX, licenseNumber: 40, bio: 2000, passkeyName: 60, code: 32 } as const

export const Email = z
  .string()
  .max(ACCOUNT_LIMITS.email, `must be at most ${ACCOUNT_LIMITS.email} characters`)
  .transform(normaliseEmail)
  .pipe(z.email('must be a valid email address'))

export const Password = z
  .string()
  .min(8, 'must be at least 8 characters')
  .max(ACCOUNT_LIMITS.password, `must be at most ${ACCOUNT_LIMITS.password} characters`)

export const Phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 ()-]{5,24}$/, 'must be a phone number such as +49 30 1234567')

// An empty form field means "not given".
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional())

export const RegisterPatientInput = z.object({
  email: Email,
  password: Password,
  name: PersonName,
  phone: optional(Phone),
})
export type RegisterPatientInput = z.infer<typeof RegisterPatientInput>

export const RegisterDoctorInput = RegisterPatientInput.extend({
  license_number: z
    .string()
    .trim()
    .min(3, 'must be at least 3 characters')
    .max(ACCOUNT_LIMITS.licenseNumber, `must be at most ${ACCOUNT_LIMITS.licenseNumber} characters`)
    .regex(/^[A-Za-z0-9][A-Za-z0-9 ./-]*$/, 'may contain letters, digits, spaces and . / - only'),
  specialty_id: z.string().trim().min(1, 'is required').max(40, 'is not a known specialty'),
  bio: optional(z.string().trim().max(ACCOUNT_LIMITS.bio, `must be at most ${ACCOUNT_LIMITS.bio} characters`)),
})
export type RegisterDoctorInput = z.infer<typeof RegisterDoctorInput>

export const LoginInput = z.object({
  // Not validated as an address: a typo must get the same answer as a wrong password.
  email: z.string().max(ACCOUNT_LIMITS.email, `must be at most ${ACCOUNT_LIMITS.email} characters`).transform(normaliseEmail),
  password: z.string().min(1, 'is required').max(ACCOUNT_LIMITS.password, `must be at most ${ACCOUNT_LIMITS.password} characters`),
  totp: optional(z.string().trim().max(ACCOUNT_LIMITS.code, 'is not a valid code')),
})
export type LoginInput = z.infer<typeof LoginInput>

export const TokenInput = z.object({ token: z.string().min(16, 'is not a valid link').max(200, 'is not a valid link') })

export const ForgotPasswordInput = z.object({ email: Email })

export const ResetPasswordInput = z.object({
  token: z.string().min(16, 'is not a valid link').max(200, 'is not a valid link'),
  password: Password,
})

// WebAuthn responses are checked in depth by SimpleWebAuthn; here only their outline and size.
const WebAuthnResponse = z.looseObject({
  id: z.string().min(1).max(1024),
  rawId: z.string().min(1).max(1024),
  type: z.literal('public-key'),
  response: z.looseObject({ clientDataJSON: z.string().max(4096) }),
  clientExtensionResults: z.looseObject({}).optional().default({}),
})

export const PasskeyName = oneLine(ACCOUNT_LIMITS.passkeyName).pipe(z.string().min(1, 'is required'))

export const PasskeyRegisterVerifyInput = z.object({
  response: WebAuthnResponse.extend({
    response: z.looseObject({ clientDataJSON: z.string().max(4096), attestationObject: z.string().max(65536) }),
  }),
  name: PasskeyName.optional(),
})

export const PasskeyLoginOptionsInput = z.object({ email: Email.optional() })

export const PasskeyLoginVerifyInput = z.object({
  response: WebAuthnResponse.extend({
    response: z.looseObject({
      clientDataJSON: z.string().max(4096),
      authenticatorData: z.string().max(4096),
      signature: z.string().max(1024),
    }),
  }),
})

export const RenamePasskeyInput = z.object({ name: PasskeyName })

export const CodeInput = z.object({ code: z.string().trim().min(TOTP_DIGITS, `must be a ${TOTP_DIGITS}-digit code`).max(ACCOUNT_LIMITS.code, 'is not a valid code') })

// The account's own details (pages and PATCH /auth/me): name and phone; an empty phone clears it.
export const AccountDetailsInput = z.object({ name: PersonName, phone: optional(Phone) })
export type AccountDetailsInput = z.infer<typeof AccountDetailsInput>

// A new address, with the current password (whoever holds a signed-in device must not be able to
// take the account over by moving its email).
export const EmailChangeInput = z.object({ email: Email, password: z.string().min(1, 'is required').max(ACCOUNT_LIMITS.password) })

export const PasswordChangeInput = z.object({ current_password: z.string().min(1, 'is required').max(ACCOUNT_LIMITS.password), password: Password })

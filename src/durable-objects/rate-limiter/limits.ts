import type { Limit } from './stub'

// Per IP they stop one machine from hammering a form; per account they stop a slow, distributed
// guess at one person's password or code.
export const LIMITS = {
  // Failed sign-ins: 5 per account per 15 minutes is plenty for typos, useless for guessing.
  // From a device the account signed in on before (a device cookie), the same budget of its own,
  // so someone guessing from elsewhere cannot lock the owner out.
  loginAccount: { limit: 5, windowSeconds: 15 * 60 },
  loginDevice: { limit: 5, windowSeconds: 15 * 60 },
  // Above any one person's retries, and high enough for a clinic's staff behind one address.
  loginIp: { limit: 30, windowSeconds: 10 * 60 },
  // Account creation from one address (clinics share a network, so not too low).
  registerIp: { limit: 10, windowSeconds: 60 * 60 },
  // Reset emails: per address so nobody's inbox can be flooded, per IP against enumeration runs.
  forgotAccount: { limit: 3, windowSeconds: 60 * 60 },
  forgotIp: { limit: 10, windowSeconds: 60 * 60 },
  // Passkeys cannot be guessed; this only stops one address flooding us with challenges.
  passkeyIp: { limit: 30, windowSeconds: 10 * 60 },
  // Per person: far above what anyone books, writes or uploads by hand, low enough that a script
  // with someone's session cannot flood the doctors, the rooms or the bucket.
  bookingUser: { limit: 20, windowSeconds: 60 * 60 },
  messageUser: { limit: 30, windowSeconds: 60 },
  uploadUser: { limit: 20, windowSeconds: 60 * 60 },
  // TOTP has a million codes: 5 wrong ones per 15 minutes keeps guessing hopeless.
  totpAccount: { limit: 5, windowSeconds: 15 * 60 },
  // Texted codes cost money and reach someone's phone: a few an hour per person.
  phoneCodeUser: { limit: 3, windowSeconds: 60 * 60 },
} as const satisfies Record<string, Limit>

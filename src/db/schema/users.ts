import { sql } from 'drizzle-orm'
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { clinics } from './clinics'
import { createdAt, id, instant, oneOf, updatedAt } from './columns'
import {
  ADMIN_ROLES,
  CHALLENGE_PURPOSES,
  EMAIL_TOKEN_PURPOSES,
  ROLES,
  USER_STATUSES,
} from './enums'

export const users = sqliteTable(
  'users',
  {
    id: id('usr'),
    // Stored trimmed and lower-cased by the service; the index below enforces it regardless.
    email: text('email').notNull(),
    emailVerifiedAt: instant('email_verified_at'),
    name: text('name').notNull(),
    // E.164 ("+441234567890"), used for SMS only once a code sent to it was entered.
    phone: text('phone'),
    phoneVerifiedAt: instant('phone_verified_at'),
    role: text('role', { enum: ROLES }).notNull(),
    adminRole: text('admin_role', { enum: ADMIN_ROLES }),
    // A clinic admin's clinic (null for everyone else; a clinic admin without one sees nothing).
    clinicId: text('clinic_id').references(() => clinics.id),
    status: text('status', { enum: USER_STATUSES }).notNull().default('active'),
    // Algorithm and parameters travel with the hash ("argon2id$m=19456,t=2,p=1$salt$hash") so
    // they can be raised later and rehashed on the next login. Null for passkey-only accounts.
    passwordHash: text('password_hash'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // One account per email, whatever its case.
    uniqueIndex('users_email_unique').on(sql`lower(${t.email})`),
    index('users_role_idx').on(t.role, t.createdAt),
    // The admin users table's keyset pages by join date.
    index('users_created_id_idx').on(t.createdAt, t.id),
    check('users_role_check', oneOf(t.role, ROLES)),
    check('users_status_check', oneOf(t.status, USER_STATUSES)),
    // Only admins carry an admin sub-role, and every admin has one.
    check('users_admin_role_value_check', sql`${t.adminRole} is null or ${oneOf(t.adminRole, ADMIN_ROLES)}`),
    check('users_admin_role_check', sql`(${t.role} = 'admin') = (${t.adminRole} is not null)`),
  ],
)

export const sessions = sqliteTable(
  'sessions',
  {
    id: id('ses'),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    userAgent: text('user_agent'),
    ip: text('ip'),
    createdAt: createdAt(),
    lastSeenAt: instant('last_seen_at').notNull(),
    idleExpiresAt: instant('idle_expires_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
    revokedAt: instant('revoked_at'),
    revokedReason: text('revoked_reason'),
  },
  (t) => [
    index('sessions_user_idx').on(t.userId, t.revokedAt),
    index('sessions_expires_idx').on(t.expiresAt),
  ],
)

export const passkeys = sqliteTable(
  'passkeys',
  {
    id: id('pk'),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    // WebAuthn credential id (base64url) — globally unique by the spec.
    credentialId: text('credential_id').notNull(),
    // COSE public key, base64url (text, not a blob: workerd has no Buffer for Drizzle's blob mode).
    publicKey: text('public_key').notNull(),
    counter: integer('counter').notNull().default(0),
    transports: text('transports'),
    deviceType: text('device_type'),
    backedUp: integer('backed_up', { mode: 'boolean' }).notNull().default(false),
    name: text('name').notNull(),
    createdAt: createdAt(),
    lastUsedAt: instant('last_used_at'),
  },
  (t) => [
    uniqueIndex('passkeys_credential_unique').on(t.credentialId),
    index('passkeys_user_idx').on(t.userId),
  ],
)

// Server-side WebAuthn challenges: single use, expiring in minutes.
export const webauthnChallenges = sqliteTable(
  'webauthn_challenges',
  {
    id: id('chl'),
    challenge: text('challenge').notNull(),
    purpose: text('purpose', { enum: CHALLENGE_PURPOSES }).notNull(),
    userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: instant('expires_at').notNull(),
  },
  (t) => [
    uniqueIndex('webauthn_challenges_challenge_unique').on(t.challenge),
    index('webauthn_challenges_expires_idx').on(t.expiresAt),
  ],
)

export const totpSecrets = sqliteTable('totp_secrets', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  // AES-GCM ciphertext of the shared secret; the key comes from a secret binding.
  secretCiphertext: text('secret_ciphertext').notNull(),
  keyId: text('key_id').notNull(),
  enabledAt: instant('enabled_at'),
  // The last accepted time step: a code cannot be used twice (RFC 6238 §5.2).
  lastUsedStep: integer('last_used_step'),
  createdAt: createdAt(),
})

export const recoveryCodes = sqliteTable(
  'recovery_codes',
  {
    id: id('rc'),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: instant('used_at'),
    createdAt: createdAt(),
  },
  (t) => [index('recovery_codes_user_idx').on(t.userId)],
)

// Email verification and password reset tokens; only a hash is stored, and each works once.
export const emailTokens = sqliteTable(
  'email_tokens',
  {
    id: id('et'),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: EMAIL_TOKEN_PURPOSES }).notNull(),
    // The address a change_email link moves the account to, once opened.
    newEmail: text('new_email'),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    expiresAt: instant('expires_at').notNull(),
    usedAt: instant('used_at'),
  },
  (t) => [
    uniqueIndex('email_tokens_hash_unique').on(t.tokenHash),
    index('email_tokens_user_idx').on(t.userId, t.purpose),
  ],
)

export const consentRecords = sqliteTable(
  'consent_records',
  {
    id: id('cns'),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    version: text('version').notNull(),
    grantedAt: instant('granted_at').notNull(),
    revokedAt: instant('revoked_at'),
    ip: text('ip'),
  },
  (t) => [index('consent_records_user_idx').on(t.userId, t.kind)],
)

// A person's private calendar feed: a secret URL calendar apps subscribe to. Only the token's
// hash is stored; a new link replaces the old one, and deleting the row turns the feed off.
export const calendarFeeds = sqliteTable(
  'calendar_feeds',
  {
    id: id('cal'),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    lastFetchedAt: instant('last_fetched_at'),
  },
  (t) => [uniqueIndex('calendar_feeds_user_unique').on(t.userId), uniqueIndex('calendar_feeds_token_unique').on(t.tokenHash)],
)

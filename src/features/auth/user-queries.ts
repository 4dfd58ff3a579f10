import { and, eq, inArray, isNull, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { availabilitySettings, doctors, emailTokens, patientProfiles, sessions, totpSecrets, users } from '../../db/schema'
import type { TokenOwner } from './email-token-queries'

// The columns of a user that sessions and sign-in need; never the password hash.
export const accountColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  adminRole: users.adminRole,
  clinicId: users.clinicId,
  status: users.status,
  emailVerifiedAt: users.emailVerifiedAt,
  createdAt: users.createdAt,
}

// The account an email belongs to (emails are stored normalised; the index is on lower(email)).
export async function findUserForLogin(db: Db, email: string) {
  const [row] = await db
    .select({
      ...accountColumns,
      passwordHash: users.passwordHash,
      totpEnabledAt: totpSecrets.enabledAt,
      doctorStatus: doctors.status,
      // Their own zone, for the times in the emails a sign-in sends.
      timezone: sql<string | null>`coalesce(${patientProfiles.timezone}, ${availabilitySettings.timezone})`,
    })
    .from(users)
    .leftJoin(totpSecrets, eq(totpSecrets.userId, users.id))
    .leftJoin(doctors, eq(doctors.userId, users.id))
    .leftJoin(patientProfiles, eq(patientProfiles.userId, users.id))
    .leftJoin(availabilitySettings, eq(availabilitySettings.doctorId, doctors.id))
    .where(eq(sql`lower(${users.email})`, email))
    .limit(1)
  return row
}

export function updatePasswordHash(db: Db, userId: string, passwordHash: string) {
  return db.update(users).set({ passwordHash }).where(eq(users.id, userId))
}

export const insertUser = (db: Db, user: typeof users.$inferInsert) => db.insert(users).values(user)
export const insertPatientProfile = (db: Db, userId: string, timezone: string | null) => db.insert(patientProfiles).values({ userId, timezone })
export const insertDoctor = (db: Db, doctor: typeof doctors.$inferInsert) => db.insert(doctors).values(doctor)

// `owner` is SQL selecting the user a spent email token belonged to (email-tokens.ts), so these
// statements share a batch with the spending and change nothing when the token was no good.
export function confirmEmailOf(db: Db, owner: TokenOwner, now: Date) {
  return db.update(users).set({ emailVerifiedAt: now }).where(and(inArray(users.id, owner), isNull(users.emailVerifiedAt)))
}

// A new password: the hash, the address confirmed (the link came by email), every session ended.
export function setPasswordOf(db: Db, owner: TokenOwner, passwordHash: string, now: Date) {
  return [
    db.update(users).set({ passwordHash, updatedAt: now }).where(inArray(users.id, owner)),
    confirmEmailOf(db, owner, now),
    db.update(sessions).set({ revokedAt: now, revokedReason: 'password_reset' }).where(and(inArray(sessions.userId, owner), isNull(sessions.revokedAt))),
  ] as const
}

export function updateAccountDetails(db: Db, userId: string, details: { name: string; phone: string | null }, now: Date) {
  return db.update(users).set({ ...details, updatedAt: now }).where(eq(users.id, userId)).returning({ id: users.id })
}

export function accountDetailsOf(db: Db, userId: string) {
  return db.select({ name: users.name, phone: users.phone, email: users.email, passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId))
}

// The address a spent change_email token names becomes the account's, confirmed by the link.
export function applyEmailChange(db: Db, tokenHash: string, now: Date) {
  const spent = and(eq(emailTokens.tokenHash, tokenHash), eq(emailTokens.usedAt, now), eq(emailTokens.purpose, 'change_email'))
  return db
    .update(users)
    .set({ email: sql`(select ${emailTokens.newEmail} from ${emailTokens} where ${spent})`, emailVerifiedAt: now, updatedAt: now })
    .where(inArray(users.id, db.select({ id: emailTokens.userId }).from(emailTokens).where(spent)))
    .returning({ id: users.id, email: users.email })
}

import { eq, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { doctors, totpSecrets, users } from '../../db/schema'

// The columns of a user that sessions and sign-in need; never the password hash.
export const accountColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  adminRole: users.adminRole,
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
    })
    .from(users)
    .leftJoin(totpSecrets, eq(totpSecrets.userId, users.id))
    .leftJoin(doctors, eq(doctors.userId, users.id))
    .where(eq(sql`lower(${users.email})`, email))
    .limit(1)
  return row
}

export function updatePasswordHash(db: Db, userId: string, passwordHash: string) {
  return db.update(users).set({ passwordHash }).where(eq(users.id, userId))
}

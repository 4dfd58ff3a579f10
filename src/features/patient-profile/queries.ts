import { and, asc, eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { allergies, chronicConditions, medications, patientProfiles, surgeries, users } from '../../db/schema'
import { mayReadRecord, type RecordReader } from '../../core/record-access'
import type { HistoryKind } from './schemas'

export const HISTORY_TABLES = { allergies, medications, conditions: chronicConditions, surgeries } as const

// The profile (contact details live on the account) if the reader may read the record.
export function profileStatement(db: Db, reader: RecordReader, patientId: string) {
  return db
    .select({ user: { id: users.id, name: users.name, email: users.email, phone: users.phone }, profile: patientProfiles })
    .from(users)
    .leftJoin(patientProfiles, eq(patientProfiles.userId, users.id))
    .where(and(eq(users.id, patientId), mayReadRecord(reader, users.id)))
}
export type ProfileRow = Awaited<ReturnType<typeof profileStatement>>[number]

function listStatement<K extends HistoryKind>(db: Db, reader: RecordReader, patientId: string, kind: K) {
  const table = HISTORY_TABLES[kind]
  return db.select().from(table).where(and(eq(table.patientId, patientId), mayReadRecord(reader, table.patientId))).orderBy(asc(table.createdAt))
}

// Every list of the medical history, each scoped by the record rule, for one db.batch.
export function historyStatements(db: Db, reader: RecordReader, patientId: string) {
  return [
    listStatement(db, reader, patientId, 'allergies'),
    listStatement(db, reader, patientId, 'medications'),
    listStatement(db, reader, patientId, 'conditions'),
    listStatement(db, reader, patientId, 'surgeries'),
  ] as const
}
export type HistoryRows = {
  allergies: (typeof allergies.$inferSelect)[]
  medications: (typeof medications.$inferSelect)[]
  conditions: (typeof chronicConditions.$inferSelect)[]
  surgeries: (typeof surgeries.$inferSelect)[]
}

import { eq } from 'drizzle-orm'
import type { LibSQLDatabase } from 'drizzle-orm/libsql'
import * as schema from '../../src/db/schema'
import { encryptField, parseKeyRing } from '../../src/lib/field-crypto'
import { newId } from '../../src/lib/ids'
import { intakeSealedFor } from '../../src/features/intake/service'
import { sealedFor as requestSealedFor } from '../../src/features/consultation-requests/service'

type Db = LibSQLDatabase<typeof schema>

// Around the visit (issue 19): Sam answered the questionnaire for his next visit with Dr. Okafor,
// Dr. Okafor replied to his review, and Lee asked her for a consultation without a slot.
// Medical words are sealed with the keys the local Worker reads, bound as the services bind them.
export async function careStatements(db: Db, encryptionKeys: string, ids: { samNextVisit: string; samReview: string; lee: string; ada: string; now: Date }) {
  const ring = parseKeyRing(encryptionKeys)
  const answers = { symptoms: ['Cough', 'Tiredness'], description: 'A dry cough, worse at night, for two weeks.', onset: 'weeks', severity: 4, medicines: 'Cough syrup at night', red_flags: [] }
  const requestId = newId('crq')
  return [
    db.insert(schema.appointmentIntakes).values({ appointmentId: ids.samNextVisit, answersSealed: await encryptField(ring, JSON.stringify(answers), intakeSealedFor(ids.samNextVisit)), redFlag: false, createdAt: ids.now }),
    db.update(schema.reviews).set({ reply: 'Thank you, Sam. Glad you are better.', repliedAt: ids.now }).where(eq(schema.reviews.id, ids.samReview)),
    db.insert(schema.consultationRequests).values({
      id: requestId,
      patientId: ids.lee,
      doctorId: ids.ada,
      type: 'video',
      problemSealed: await encryptField(ring, 'My knee has been swollen since a fall last week; walking on stairs hurts.', requestSealedFor(requestId)),
      preferredTimes: 'Weekday mornings before 11',
      createdAt: ids.now,
      updatedAt: ids.now,
    }),
  ]
}

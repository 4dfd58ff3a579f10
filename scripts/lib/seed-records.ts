import { eq } from 'drizzle-orm'
import type { LibSQLDatabase } from 'drizzle-orm/libsql'
import * as schema from '../../src/db/schema'
import { encryptField, keyIdOf, parseKeyRing } from '../../src/lib/field-crypto'
import { newId } from '../../src/lib/ids'
import { sealNote } from '../../src/features/visit-notes/sealing'

type Db = LibSQLDatabase<typeof schema>

// Demo medical records (issue 6): Sam Patel has a filled-in profile and history, and his
// completed visit with Dr. Ada Okafor has final notes and a prescription. Kim Novak's completed
// visit with Dr. Okafor has neither, so a demo doctor can write them. Clinical text is sealed
// with the same keys the local Worker reads (ENCRYPTION_KEYS).
export async function recordStatements(db: Db, encryptionKeys: string, ids: { sam: string; kim: string; ada: string; samVisit: { id: string; startAt: Date } }) {
  const ring = parseKeyRing(encryptionKeys)
  const memberId = await encryptField(ring, 'TK-4471-0093', ids.sam)
  const note = await sealNote(ring, ids.sam, {
    subjective: 'Sore throat and fever (38.4 °C) for three days; no cough.',
    objective: 'Red pharynx with white exudate on both tonsils; tender anterior neck nodes.',
    assessment: 'Centor score 4: probable streptococcal tonsillitis.',
    plan: 'Penicillin allergy: clarithromycin for 5 days. Fluids, paracetamol for fever. Review if not better in 3 days.',
    diagnosis: 'Acute tonsillitis',
    patient_summary: 'You have a throat infection. Take the antibiotic twice a day for five days, even when you feel better. Drink plenty and use paracetamol for the fever. Book again if you are not better in three days.',
  })
  const item = await encryptField(ring, JSON.stringify({ drug: 'Clarithromycin', strength: '500 mg', dose: '1 tablet', route: 'oral', frequency: 'twice a day', duration: '5 days', quantity: 10, refills: 0, instructions: 'Take with or without food. Finish the course.' }), ids.sam)
  const finalizedAt = new Date(ids.samVisit.startAt.getTime() + 40 * 60_000)
  const rxId = newId('rx')
  return [
    db.update(schema.patientProfiles).set({
      dateOfBirth: '1988-09-14',
      sex: 'male',
      addressLine1: 'Kastanienallee 12',
      city: 'Berlin',
      postalCode: '10435',
      country: 'Germany',
      emergencyContactName: 'Priya Patel',
      emergencyContactPhone: '+49 30 7654321',
      emergencyContactRelation: 'partner',
      insuranceProvider: 'Techniker Krankenkasse',
      insuranceMemberIdCiphertext: memberId,
      keyId: keyIdOf(memberId),
      bloodType: 'A+',
    }).where(eq(schema.patientProfiles.userId, ids.sam)),
    db.update(schema.patientProfiles).set({ dateOfBirth: '1993-02-02', sex: 'female', city: 'London', country: 'United Kingdom' }).where(eq(schema.patientProfiles.userId, ids.kim)),
    db.insert(schema.allergies).values([
      { patientId: ids.sam, substance: 'Penicillin', reaction: 'Hives and swollen lips', severity: 'severe' },
      { patientId: ids.sam, substance: 'Cat dander', reaction: 'Sneezing', severity: 'mild' },
    ]),
    db.insert(schema.medications).values({ patientId: ids.sam, name: 'Salbutamol inhaler', dose: '100 mcg, 2 puffs', frequency: 'when needed', startedOn: '2015-05-01' }),
    db.insert(schema.chronicConditions).values({ patientId: ids.sam, name: 'Mild asthma', diagnosedOn: '2015-04-20' }),
    db.insert(schema.surgeries).values({ patientId: ids.sam, procedure: 'Appendectomy', performedOn: '2004-07-03' }),
    db.insert(schema.visitNotes).values({ appointmentId: ids.samVisit.id, doctorId: ids.ada, patientId: ids.sam, status: 'final', contentCiphertext: note, keyId: keyIdOf(note), finalizedAt, createdAt: finalizedAt, updatedAt: finalizedAt }),
    db.insert(schema.prescriptions).values({ id: rxId, appointmentId: ids.samVisit.id, doctorId: ids.ada, patientId: ids.sam, status: 'issued', issuedAt: finalizedAt, createdAt: finalizedAt, updatedAt: finalizedAt }),
    db.insert(schema.prescriptionItems).values({ prescriptionId: rxId, position: 0, contentCiphertext: item, keyId: keyIdOf(item) }),
  ] as const
}

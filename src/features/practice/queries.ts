import { and, asc, eq, gt } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { availabilityRules, availabilitySettings, doctorConsultationTypes, doctorLanguages, doctors, specialties, timeOff, users } from '../../db/schema'

const TIME_OFF_LIST_LIMIT = 100

// The doctor's profile, languages and consultation types, for one db.batch.
export function profileStatements(db: Db, doctorId: string) {
  return [
    db
      .select({ doctor: doctors, name: users.name, specialty: specialties.name })
      .from(doctors)
      .innerJoin(users, eq(users.id, doctors.userId))
      .innerJoin(specialties, eq(specialties.id, doctors.specialtyId))
      .where(eq(doctors.id, doctorId)),
    db.select({ language: doctorLanguages.language }).from(doctorLanguages).where(eq(doctorLanguages.doctorId, doctorId)).orderBy(doctorLanguages.language),
    consultationTypesStatement(db, doctorId),
  ] as const
}

export function consultationTypesStatement(db: Db, doctorId: string) {
  return db.select().from(doctorConsultationTypes).where(eq(doctorConsultationTypes.doctorId, doctorId)).orderBy(doctorConsultationTypes.type)
}

type ProfileChange = Pick<typeof doctors.$inferInsert, 'specialtyId' | 'bio' | 'qualifications' | 'city' | 'practiceAddress' | 'feeCents' | 'currency' | 'chargeUpFront'> & {
  languages: string[]
  consultationTypes: { type: (typeof doctorConsultationTypes.$inferInsert)['type']; durationMinutes: number; feeCents: number | null }[]
  now: Date
}

// The profile with its languages and consultation types replaced as a whole.
export function replaceProfileStatements(db: Db, doctorId: string, change: ProfileChange) {
  const { languages, consultationTypes, now, ...profile } = change
  return [
    db.update(doctors).set({ ...profile, updatedAt: now }).where(eq(doctors.id, doctorId)),
    db.delete(doctorLanguages).where(eq(doctorLanguages.doctorId, doctorId)),
    ...(languages.length ? [db.insert(doctorLanguages).values(languages.map((language) => ({ doctorId, language })))] : []),
    db.delete(doctorConsultationTypes).where(eq(doctorConsultationTypes.doctorId, doctorId)),
    db.insert(doctorConsultationTypes).values(consultationTypes.map((t) => ({ doctorId, ...t }))),
  ] as const
}

// The booking settings (no row until first saved) and the weekly hours, for one db.batch.
export function availabilityStatements(db: Db, doctorId: string) {
  return [
    db.select().from(availabilitySettings).where(eq(availabilitySettings.doctorId, doctorId)),
    db.select().from(availabilityRules).where(eq(availabilityRules.doctorId, doctorId)).orderBy(availabilityRules.weekday, availabilityRules.startMinute),
  ] as const
}

type SettingsValues = Omit<typeof availabilitySettings.$inferInsert, 'doctorId'>
type WeeklyRule = { weekday: number; startMinute: number; endMinute: number }

// Settings and weekly hours replaced together, so patients never see half an edit.
export function replaceAvailabilityStatements(db: Db, doctorId: string, settings: SettingsValues, weekly: WeeklyRule[]) {
  return [
    db.insert(availabilitySettings).values({ doctorId, ...settings }).onConflictDoUpdate({ target: availabilitySettings.doctorId, set: settings }),
    db.delete(availabilityRules).where(eq(availabilityRules.doctorId, doctorId)),
    ...(weekly.length ? [db.insert(availabilityRules).values(weekly.map((r) => ({ doctorId, ...r })))] : []),
  ] as const
}

// Leave that has not ended yet, soonest first.
export function upcomingTimeOffStatement(db: Db, doctorId: string, now: Date) {
  return db
    .select()
    .from(timeOff)
    .where(and(eq(timeOff.doctorId, doctorId), gt(timeOff.endAt, now)))
    .orderBy(asc(timeOff.startAt))
    .limit(TIME_OFF_LIST_LIMIT)
}
export type TimeOffRow = typeof timeOff.$inferSelect

export const doctorZoneStatement = (db: Db, doctorId: string) =>
  db.select({ timezone: availabilitySettings.timezone }).from(availabilitySettings).where(eq(availabilitySettings.doctorId, doctorId))

export const insertTimeOff = (db: Db, row: typeof timeOff.$inferInsert) => db.insert(timeOff).values(row)

// Scoped to the doctor: another doctor's leave matches no row.
export const deleteTimeOff = (db: Db, doctorId: string, id: string) => db.delete(timeOff).where(and(eq(timeOff.id, id), eq(timeOff.doctorId, doctorId))).returning({ id: timeOff.id })

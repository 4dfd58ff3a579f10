import { and, asc, desc, eq, gte, inArray, isNull, lt, or, sql, type AnyColumn } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { appointments, clinics, doctorDocuments, doctors, specialties, users } from '../../db/schema'
import type { DoctorStatus } from '../../db/schema/enums'
import { LIVE_APPOINTMENT_STATUSES } from '../../db/schema/enums'
import type { Actor } from '../../core/actor'
import { doctorOfClinic, doctorScope } from '../../core/clinic-scope-queries'
import { containsPattern, keysetAfter, keysetOrder, type KeysetPosition, type SortDir } from '../../core/table-queries'
import { DAY_MS } from '../../lib/time'
import type { DoctorsQuery } from './schemas'

// How many days ahead a licence's end counts as "lapsing soon".
export const LICENCE_WARNING_DAYS = 30

const SORTS: Record<DoctorsQuery['sort'], { column: AnyColumn; toDriver: (v: string | number) => unknown }> = {
  applied: { column: doctors.createdAt, toDriver: (v) => new Date(Number(v)) },
  name: { column: users.name, toDriver: String },
}

export const doctorColumns = {
  id: doctors.id,
  userId: users.id,
  name: users.name,
  email: users.email,
  accountStatus: users.status,
  licenseNumber: doctors.licenseNumber,
  licenseExpiresOn: doctors.licenseExpiresOn,
  specialtyId: doctors.specialtyId,
  specialty: specialties.name,
  clinicId: doctors.clinicId,
  clinicName: clinics.name,
  status: doctors.status,
  statusReason: doctors.statusReason,
  bio: doctors.bio,
  city: doctors.city,
  practiceAddress: doctors.practiceAddress,
  createdAt: doctors.createdAt,
  verifiedAt: doctors.verifiedAt,
}

const doctorSelect = (db: Db) =>
  db
    .select(doctorColumns)
    .from(doctors)
    .innerJoin(users, eq(users.id, doctors.userId))
    .innerJoin(specialties, eq(specialties.id, doctors.specialtyId))
    .leftJoin(clinics, eq(clinics.id, doctors.clinicId))

const today = (now: Date) => now.toISOString().slice(0, 10)

function matching(actor: Actor, f: DoctorsQuery, now: Date) {
  const pattern = f.q ? containsPattern(f.q) : undefined
  const warnUntil = today(new Date(now.getTime() + LICENCE_WARNING_DAYS * DAY_MS))
  return and(
    pattern
      ? or(sql`lower(${users.name}) like ${pattern} escape '\\'`, sql`lower(${users.email}) like ${pattern} escape '\\'`, sql`lower(${doctors.licenseNumber}) like ${pattern} escape '\\'`)
      : undefined,
    f.status === 'all' ? undefined : eq(doctors.status, f.status),
    f.specialty ? eq(doctors.specialtyId, f.specialty) : undefined,
    f.clinic ? doctorOfClinic(f.clinic, doctors.id) : undefined,
    f.licence === 'expiring' ? sql`${doctors.licenseExpiresOn} <= ${warnUntil}` : f.licence === 'expired' ? lt(doctors.licenseExpiresOn, today(now)) : undefined,
    doctorScope(actor, doctors.id),
  )
}

/** A page of the doctors table (within what the actor may see), after a keyset position. */
export function doctorsPageStatement(db: Db, actor: Actor, query: DoctorsQuery, now: Date, after: KeysetPosition | undefined, limit: number) {
  const sort = SORTS[query.sort]
  const position = after ? { v: sort.toDriver(after.v), id: after.id } : undefined
  return doctorSelect(db)
    .where(and(matching(actor, query, now), keysetAfter(sort.column, doctors.id, query.dir as SortDir, position)))
    .orderBy(...keysetOrder(sort.column, doctors.id, query.dir as SortDir))
    .limit(limit)
}

export type DoctorRow = Awaited<ReturnType<typeof doctorsPageStatement>>[number]

export const sortValueOf = (row: DoctorRow, sort: DoctorsQuery['sort']) => (sort === 'applied' ? row.createdAt.getTime() : row.name)

export const doctorStatement = (db: Db, actor: Actor, doctorId: string) => doctorSelect(db).where(and(eq(doctors.id, doctorId), doctorScope(actor, doctors.id)))

/** The doctor's own record (any status), for their application page. */
export const ownDoctorStatement = (db: Db, userId: string) => db.select({ id: doctors.id, status: doctors.status }).from(doctors).where(eq(doctors.userId, userId))

export const documentsOfStatement = (db: Db, doctorId: string) =>
  db
    .select({ id: doctorDocuments.id, kind: doctorDocuments.kind, title: doctorDocuments.title, contentType: doctorDocuments.contentType, sizeBytes: doctorDocuments.sizeBytes, createdAt: doctorDocuments.createdAt, reviewedAt: doctorDocuments.reviewedAt, reviewerName: users.name })
    .from(doctorDocuments)
    .leftJoin(users, eq(users.id, doctorDocuments.reviewedBy))
    .where(eq(doctorDocuments.doctorId, doctorId))
    .orderBy(desc(doctorDocuments.createdAt))

export const documentStatement = (db: Db, doctorId: string, documentId: string) =>
  db.select().from(doctorDocuments).where(and(eq(doctorDocuments.id, documentId), eq(doctorDocuments.doctorId, doctorId)))

export const insertDocumentStatement = (db: Db, row: typeof doctorDocuments.$inferInsert) => db.insert(doctorDocuments).values(row)

export const markReviewedStatement = (db: Db, doctorId: string, documentId: string, adminId: string, now: Date) =>
  db
    .update(doctorDocuments)
    .set({ reviewedAt: now, reviewedBy: adminId })
    .where(and(eq(doctorDocuments.id, documentId), eq(doctorDocuments.doctorId, doctorId), isNull(doctorDocuments.reviewedAt)))
    .returning({ id: doctorDocuments.id })

/** The doctor's appointments still to come that hold a slot (what a suspension leaves open). */
export const upcomingOfStatement = (db: Db, doctorId: string, now: Date) =>
  db
    .select({ id: appointments.id, startAt: appointments.startAt, type: appointments.type, status: appointments.status, patientName: users.name })
    .from(appointments)
    .innerJoin(users, eq(users.id, appointments.patientId))
    .where(and(eq(appointments.doctorId, doctorId), inArray(appointments.status, [...LIVE_APPOINTMENT_STATUSES]), gte(appointments.startAt, now)))
    .orderBy(asc(appointments.startAt))
    .limit(100)

export const appointmentCountsOfStatement = (db: Db, doctorId: string) =>
  db
    .select({ status: appointments.status, count: sql<number>`count(*)`.mapWith(Number) })
    .from(appointments)
    .where(eq(appointments.doctorId, doctorId))
    .groupBy(appointments.status)

export type ProfileChange = { name: string; licenseNumber: string; licenseExpiresOn: string | null; specialtyId: string; city: string | null; practiceAddress: string | null; bio: string | null; clinicId: string | null }

export function updateDoctorStatements(db: Db, doctor: { id: string; userId: string }, change: ProfileChange, now: Date) {
  const { name, ...profile } = change
  return [
    db.update(users).set({ name, updatedAt: now }).where(eq(users.id, doctor.userId)),
    db.update(doctors).set({ ...profile, updatedAt: now }).where(eq(doctors.id, doctor.id)).returning({ id: doctors.id }),
  ] as const
}

/** Suspends or reinstates, written only from the status it may start from. */
export const setDoctorStatusStatement = (db: Db, doctorId: string, change: { from: DoctorStatus; to: DoctorStatus; reason: string; now: Date }) =>
  db
    .update(doctors)
    .set({ status: change.to, statusReason: change.reason, updatedAt: change.now })
    .where(and(eq(doctors.id, doctorId), eq(doctors.status, change.from)))
    .returning({ id: doctors.id })

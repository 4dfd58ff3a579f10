import { sql } from 'drizzle-orm'
import { sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { createdAt, id, updatedAt } from './columns'

// A clinic: a practice with its own doctors and clinic admins. A clinic admin sees and acts on
// only their clinic's doctors, those doctors' appointments and reports, and the records of
// patients with an appointment there (src/core/clinic-scope.ts).
export const clinics = sqliteTable(
  'clinics',
  {
    id: id('cln'),
    name: text('name').notNull(),
    address: text('address'),
    phone: text('phone'),
    email: text('email'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('clinics_name_unique').on(sql`lower(${t.name})`)],
)

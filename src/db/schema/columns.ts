import { sql, type AnyColumn, type SQL } from 'drizzle-orm'
import { integer, text } from 'drizzle-orm/sqlite-core'
import { newId } from '../../lib/ids'

// Shared column builders: app-generated opaque ids and UTC instants stored as epoch milliseconds.
export const id = (prefix: string) =>
  text('id')
    .primaryKey()
    .$defaultFn(() => newId(prefix))

export const instant = (name: string) => integer(name, { mode: 'timestamp_ms' })

export const createdAt = () =>
  instant('created_at')
    .notNull()
    .$defaultFn(() => new Date())

export const updatedAt = () =>
  instant('updated_at')
    .notNull()
    .$defaultFn(() => new Date())
    .$onUpdateFn(() => new Date())

// `column IN ('a', 'b')` for CHECK constraints built from the enum arrays.
export function oneOf(column: AnyColumn | SQL, values: readonly string[]): SQL {
  const list = sql.raw(values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', '))
  return sql`${column} in (${list})`
}

import { and, asc, Column, desc, gte, is, lt, sql, type AnyColumn, type SQL } from 'drizzle-orm'

// The admin tables' keyset paging: rows ordered by a column and then the id, and a page starting
// after the last row of the one before (its value and id). Rows inserted meanwhile do not shift
// the pages, and the last page costs what the first does.
export type SortDir = 'asc' | 'desc'
export type KeysetPosition = { v: string | number; id: string }

// `after.v` is the value as the column takes it (a Date for an instant column). A row-value
// comparison, which SQLite answers from an index on (column, id) by seeking, not scanning: the
// last page costs what the first does.
export function keysetAfter(column: AnyColumn, id: AnyColumn, dir: SortDir, after: { v: unknown; id: string } | undefined): SQL | undefined {
  if (!after) return undefined
  const v = is(column, Column) ? sql.param(after.v, column) : after.v
  return dir === 'asc' ? sql`(${column}, ${id}) > (${v}, ${after.id})` : sql`(${column}, ${id}) < (${v}, ${after.id})`
}

export const keysetOrder = (column: AnyColumn, id: AnyColumn, dir: SortDir) => (dir === 'asc' ? [asc(column), asc(id)] : [desc(column), desc(id)])

const DAY_MS = 86_400_000

/** A filter on an instant column by UTC calendar days, `to` included; either end may be open. */
export function withinDays(column: AnyColumn, from: string | undefined, to: string | undefined): SQL | undefined {
  return and(from ? gte(column, new Date(`${from}T00:00:00Z`)) : undefined, to ? lt(column, new Date(new Date(`${to}T00:00:00Z`).getTime() + DAY_MS)) : undefined)
}

/** A LIKE pattern for "contains", lower-cased, with the wildcards in what was typed escaped (use `escape '\\'`). */
export const containsPattern = (typed: string) => `%${typed.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`

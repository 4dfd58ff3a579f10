import { and, asc, desc, eq, gt, lt, or, type AnyColumn, type SQL } from 'drizzle-orm'

// The admin tables' keyset paging: rows ordered by a column and then the id, and a page starting
// after the last row of the one before (its value and id). Rows inserted meanwhile do not shift
// the pages, and the last page costs what the first does.
export type SortDir = 'asc' | 'desc'
export type KeysetPosition = { v: string | number; id: string }

// `after.v` is the value as the column takes it (a Date for an instant column).
export function keysetAfter(column: AnyColumn, id: AnyColumn, dir: SortDir, after: { v: unknown; id: string } | undefined): SQL | undefined {
  if (!after) return undefined
  const beyond = dir === 'asc' ? gt : lt
  return or(beyond(column, after.v), and(eq(column, after.v), beyond(id, after.id)))
}

export const keysetOrder = (column: AnyColumn, id: AnyColumn, dir: SortDir) => (dir === 'asc' ? [asc(column), asc(id)] : [desc(column), desc(id)])

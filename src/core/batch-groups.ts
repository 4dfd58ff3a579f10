import type { Db } from '../db/client'

export type BatchStatement = Parameters<Db['batch']>[0][number]

/**
 * Writes groups of statements in one batch (one round trip, all or nothing) and returns the
 * groups that took effect: those whose first statement (a claim: a conditional update or insert)
 * changed a row. The rest were claimed by someone else first.
 */
export async function batchGroups<G extends { statements: BatchStatement[] }>(db: Db, groups: G[]): Promise<G[]> {
  if (groups.length === 0) return []
  const results = await db.batch(groups.flatMap((g) => g.statements) as [BatchStatement, ...BatchStatement[]])
  const took: G[] = []
  let at = 0
  for (const group of groups) {
    if (changedRows(results[at]) > 0) took.push(group)
    at += group.statements.length
  }
  return took
}

// A batch result: a ResultSet for a run or an update without returning, rows for a returning one.
function changedRows(result: unknown): number {
  if (Array.isArray(result)) return result.length
  return (result as { rowsAffected?: number } | undefined)?.rowsAffected ?? 0
}

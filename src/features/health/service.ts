import { sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { isDatabaseUnreachable } from '../../db/errors'
import { describeError, log } from '../../lib/log'

export async function checkDatabase(db: Db): Promise<'ok' | 'unreachable'> {
  try {
    await db.run(sql`select 1`)
    return 'ok'
  } catch (err) {
    if (!isDatabaseUnreachable(err)) log('error', 'health check failed', describeError(err))
    return 'unreachable'
  }
}

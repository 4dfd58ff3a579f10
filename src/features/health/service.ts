import type { RequestContext } from '../../core/context'
import { isDatabaseUnreachable } from '../../db/errors'
import { describeError, log } from '../../lib/log'
import { pingStatement } from './queries'

/** Whether the database answers, for readiness probes: never throws, logs what is not an outage. */
export async function checkDatabase(ctx: RequestContext): Promise<'ok' | 'unreachable'> {
  try {
    await pingStatement(ctx.db)
    return 'ok'
  } catch (err) {
    if (!isDatabaseUnreachable(err)) log('error', 'health check failed', describeError(err))
    return 'unreachable'
  }
}

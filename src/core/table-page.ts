import type { Context } from 'hono'
import type { z } from 'zod'
import { AppError } from '../lib/errors'
import { withoutEmpty } from './input'

/**
 * An admin table page's state from its URL: the query its schema reads (the schema's defaults
 * when a filter typed by hand makes no sense: the page shows everything and says so), the fields
 * its links carry on, and the rows `load` finds. A cursor that is no longer valid starts again at
 * the first page rather than failing.
 */
export async function tablePage<Q extends { cursor?: string }, R>(c: Context, schema: z.ZodType<Q>, load: (query: Q) => Promise<R>) {
  const fields = withoutEmpty(c.req.query())
  const asked = schema.safeParse(fields)
  const query = asked.success ? asked.data : schema.parse({})
  const page = await load(query).catch((err) => {
    if (err instanceof AppError && err.status === 400 && query.cursor) return load({ ...query, cursor: undefined })
    throw err
  })
  return { query, page, fields: asked.success ? fields : {}, understood: asked.success }
}

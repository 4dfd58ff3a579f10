import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../env'
import { NotFoundError } from '../lib/errors'

// Development and tests only: in production these routes do not exist as far as anyone can tell.
export const developmentOnly = createMiddleware<AppEnv>(async (c, next) => {
  if (c.env.APP_ENV !== 'development' && c.env.APP_ENV !== 'test') throw new NotFoundError()
  await next()
})

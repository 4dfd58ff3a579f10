import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../env'

// Every answer the app builds depends on who asks: a page's navigation names them and its CSP
// nonce is its own. So caches are told it varies with the credentials, and nothing built for a
// signed-in person (or that signs someone in) may be stored anywhere: a shared computer's back
// button or a proxy would show it to the next person. Static assets never come through here.
export const cachePolicy = createMiddleware<AppEnv>(async (c, next) => {
  await next()
  // A WebSocket upgrade's headers are the runtime's.
  if (c.res.status === 101) return
  c.res.headers.append('Vary', 'Cookie, Authorization')
  if (c.var.ctx?.actor || c.res.headers.has('set-cookie')) c.res.headers.set('Cache-Control', 'no-store')
})

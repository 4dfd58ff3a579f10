import type { Context } from 'hono'

// API requests get JSON errors; everything else gets pages.
export function isApiRequest(c: Context): boolean {
  return c.req.path === '/api' || c.req.path.startsWith('/api/')
}

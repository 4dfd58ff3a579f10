import { Hono } from 'hono'
import type { AppEnv } from '../../env'

// The call page (/appointments/:id/call): written in issue 5.
export const callRoutes = new Hono<AppEnv>()

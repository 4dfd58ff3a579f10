import { Hono } from 'hono'
import type { AppEnv } from '../../env'

// Documents and lab reports, stored in R2.
export const documentRoutes = new Hono<AppEnv>()

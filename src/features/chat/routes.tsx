import { Hono } from 'hono'
import type { AppEnv } from '../../env'

export const chatRoutes = new Hono<AppEnv>()

import { Hono } from 'hono'
import type { AppEnv } from '../../env'

// Call signaling API (WebSocket /appointments/:id/call): written in issue 5.
export const callsApi = new Hono<AppEnv>()

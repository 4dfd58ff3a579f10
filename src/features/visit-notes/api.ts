import { Hono } from 'hono'
import type { AppEnv } from '../../env'

// SOAP visit notes on an appointment: drafts, finalising, amendments.
export const visitNotesApi = new Hono<AppEnv>()

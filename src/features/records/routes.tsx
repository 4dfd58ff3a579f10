import { Hono } from 'hono'
import type { AppEnv } from '../../env'

// The record as a whole: a doctor's patients, the patient's record overview, who saw it.
export const recordRoutes = new Hono<AppEnv>()

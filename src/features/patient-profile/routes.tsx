import { Hono } from 'hono'
import type { AppEnv } from '../../env'

// The patient's profile and medical history.
export const patientProfileRoutes = new Hono<AppEnv>()

import { Hono } from 'hono'
import type { AppEnv } from '../../env'

// Prescriptions: issued once, corrected by superseding, printable.
export const prescriptionRoutes = new Hono<AppEnv>()

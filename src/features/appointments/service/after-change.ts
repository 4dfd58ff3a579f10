import { describeError, log } from '../../../lib/log'

/**
 * A change that is made stays made whatever happens to its emails: one that could not be queued
 * is logged, not turned into an error for the person whose appointment already changed.
 */
export async function afterChange(work: Promise<unknown>, appointmentId: string) {
  try {
    await work
  } catch (err) {
    log('error', 'appointment email not queued', { appointment_id: appointmentId, error: describeError(err) })
  }
}

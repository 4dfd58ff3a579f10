import { z } from 'zod'
import type { Bindings } from '../../env'
import { ConflictError, NotFoundError } from '../../lib/errors'
import { formatDateTime } from '../../lib/format'
import { log } from '../../lib/log'
import { toIsoInstant } from '../../lib/time'
import type { RequestContext } from '../../core/context'
import type { AppointmentRow } from '../appointments/queries'
import { recordCallEvent, type CallEventKind } from './queries'
import { loadForActor } from '../appointments/service'
import { allowedTransition } from '../appointments/state-machine'

const DEFAULT_OPENS_MINUTES_BEFORE = 15

type Row = NonNullable<AppointmentRow>
export type CallWindow = { opensAt: Date; closesAt: Date }
export type CallState = 'open' | 'early' | 'over' | 'unconfirmed'

/** The room opens a configurable number of minutes before the start and closes at the end. */
export function callWindow(row: Pick<Row, 'startAt' | 'endAt'>, env: Pick<Bindings, 'CALL_OPENS_MINUTES_BEFORE'>): CallWindow {
  const minutes = Number(env.CALL_OPENS_MINUTES_BEFORE ?? DEFAULT_OPENS_MINUTES_BEFORE)
  const before = Number.isFinite(minutes) && minutes >= 0 ? minutes : DEFAULT_OPENS_MINUTES_BEFORE
  return { opensAt: new Date(row.startAt.getTime() - before * 60_000), closesAt: row.endAt }
}

/** Where the call stands now: open, not yet, over, or none (the appointment is not confirmed). */
export function callState(row: Pick<Row, 'status' | 'startAt' | 'endAt'>, window: CallWindow, now: Date): CallState {
  if (row.status !== 'confirmed') return 'unconfirmed'
  if (now < window.opensAt) return 'early'
  if (now >= window.closesAt) return 'over'
  return 'open'
}

/**
 * The appointment's call as its caller sees it: their role, the other party, the window, whether
 * it is open now, and whether they may mark the appointment completed from the call page. Only
 * the appointment's own patient and doctor have a part in its call; to anyone else (admins
 * included) the appointment does not exist.
 */
export async function callFor(ctx: RequestContext, appointmentId: string) {
  const { actor: user, row, role } = await loadForActor(ctx, appointmentId)
  if (role === 'admin') throw new NotFoundError('No such appointment.')
  const window = callWindow(row, ctx.env)
  return {
    row,
    role,
    user,
    peer: role === 'patient' ? { name: row.doctorName, role: 'doctor' as const } : { name: row.patientName, role: 'patient' as const },
    window,
    state: callState(row, window, ctx.now),
    canComplete: role === 'doctor' && allowedTransition('complete', row.status, 'doctor').fromStatus,
  }
}

export type CallView = Awaited<ReturnType<typeof callFor>>

/** Why a call cannot be joined now, in words for people (the page shows them in the viewer's zone). */
export function notOpenMessage(call: Pick<CallView, 'state' | 'window' | 'row'>, timeZone = 'UTC') {
  switch (call.state) {
    case 'early':
      return `The call opens at ${formatDateTime(call.window.opensAt, timeZone)} (${timeZone.replace(/_/g, ' ')}), shortly before the appointment starts.`
    case 'over':
      return 'The time for this appointment’s call is over.'
    case 'unconfirmed':
      return call.row.status === 'pending'
        ? 'The call opens once the doctor has confirmed the appointment.'
        : `There is no call: the appointment is ${call.row.status.replace('_', ' ')}.`
    case 'open':
      return undefined
  }
}

/** The call, only if it can be joined now: otherwise 409 call_not_open saying when it opens. */
export async function openCall(ctx: RequestContext, appointmentId: string) {
  const call = await callFor(ctx, appointmentId)
  if (call.state !== 'open') {
    const err = new ConflictError(notOpenMessage(call)!, 'call_not_open')
    err.extra = { opens_at: toIsoInstant(call.window.opensAt), closes_at: toIsoInstant(call.window.closesAt) }
    throw err
  }
  return call
}

// STUN/TURN servers for RTCPeerConnection, from configuration; a malformed value means none (a
// local network needs none) rather than a broken page.
const IceServers = z.array(
  z.object({
    urls: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
    username: z.string().optional(),
    credential: z.string().optional(),
  }),
)
export type IceServers = z.infer<typeof IceServers>

/** The STUN/TURN servers configured for calls; a malformed value means none, never a broken page. */
export function iceServers(env: Pick<Bindings, 'ICE_SERVERS'>): IceServers {
  let value: unknown
  try {
    value = JSON.parse(env.ICE_SERVERS || '[]')
  } catch {
    value = undefined
  }
  const parsed = IceServers.safeParse(value)
  if (parsed.success) return parsed.data
  log('warn', 'ICE_SERVERS is not a JSON list of RTCIceServer objects; using none')
  return []
}

/** A line of the appointment's history: who joined or left its video call, and when (the call room writes it). */
export async function recordCallPresence(ctx: RequestContext, event: { appointmentId: string; userId: string; kind: CallEventKind; data?: Record<string, unknown> }) {
  await recordCallEvent(ctx.db, event)
}

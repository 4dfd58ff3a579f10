import type { Context } from 'hono'
import type { AppEnv, Bindings } from '../../env'
import { AppError } from '../../lib/errors'
import { MEMBER_HEADER, type Member } from './protocol'

export function callRoom(env: Bindings, appointmentId: string) {
  return env.CALL_ROOM.get(env.CALL_ROOM.idFromName(appointmentId))
}

// Hands an authorised upgrade to the appointment's room, naming the member. A refusal by the room
// (someone else already holds that place) becomes the API's error; the 101 response is copied so
// the app's middleware can still add its headers (the room's own response headers are immutable).
export async function joinCallRoom(c: Context<AppEnv>, member: Member) {
  const headers = new Headers({ upgrade: 'websocket', [MEMBER_HEADER]: JSON.stringify(member) })
  const res = await callRoom(c.env, member.appointmentId).fetch('https://call-room/connect', { headers })
  if (res.status !== 101) {
    const body = (await res.json().catch(() => ({}))) as { code?: string; message?: string }
    throw new AppError(res.status === 409 ? 409 : 503, body.code ?? 'unavailable', body.message ?? 'The call room is not available.')
  }
  return new Response(res.body, { status: res.status, headers: res.headers, webSocket: res.webSocket })
}

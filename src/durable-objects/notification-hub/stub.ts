import type { Bindings } from '../../env'
import { MEMBER_HEADER, type HubMember } from './protocol'

// One hub per user: every page the person has open holds a socket to it.
export function notificationHub(env: Bindings, userId: string) {
  return env.NOTIFICATION_HUB.get(env.NOTIFICATION_HUB.idFromName(userId))
}

/** Hands an authorised upgrade to the person's hub (the 101 copied so middleware can add headers). */
export async function joinNotificationHub(env: Bindings, member: HubMember) {
  const headers = new Headers({ upgrade: 'websocket', [MEMBER_HEADER]: JSON.stringify(member) })
  const res = await notificationHub(env, member.userId).fetch('https://notification-hub/connect', { headers })
  return new Response(res.body, { status: res.status, headers: res.headers, webSocket: res.webSocket })
}

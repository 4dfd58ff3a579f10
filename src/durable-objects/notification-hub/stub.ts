import type { Bindings } from '../../env'
import { ADMIN_CHANNEL, MEMBER_HEADER, type HubMember } from './protocol'

// One hub per user (every page the person has open holds a socket to it), and the admins' channel.
export function notificationHub(env: Bindings, name: string) {
  return env.NOTIFICATION_HUB.get(env.NOTIFICATION_HUB.idFromName(name))
}

/**
 * Hands an authorised upgrade to a hub (the 101 copied so middleware can add headers): the
 * person's own, or the channel named (the admins').
 */
export async function joinNotificationHub(env: Bindings, member: HubMember, channel = member.userId) {
  const headers = new Headers({ upgrade: 'websocket', [MEMBER_HEADER]: JSON.stringify(member) })
  const res = await notificationHub(env, channel).fetch('https://notification-hub/connect', { headers })
  return new Response(res.body, { status: res.status, headers: res.headers, webSocket: res.webSocket })
}

/** Tells every open admin dashboard that something it counts changed. */
export const tellAdmins = (env: Bindings, kinds: string[]) => notificationHub(env, ADMIN_CHANNEL).changed(kinds)

import { CHANNELS, channelChoosable, NOTICE_KIND_NAMES, NOTICE_KINDS, type Preferences } from '../../core/notices/kinds'
import { toIsoInstant } from '../../lib/time'
import type { notificationsStatement } from './queries'

type NotificationRow = Awaited<ReturnType<typeof notificationsStatement>>[number]

export function toApiNotification(n: NotificationRow) {
  return { id: n.id, kind: n.kind, title: n.title, body: n.body, link: n.link, read_at: n.readAt ? toIsoInstant(n.readAt) : null, created_at: toIsoInstant(n.createdAt) }
}

/** Each kind's channels, with which of them the person can change (docs/api.md). */
export function toApiPreferences(preferences: Preferences, phone: string | null) {
  return {
    preferences,
    kinds: NOTICE_KIND_NAMES.map((kind) => ({
      kind,
      label: NOTICE_KINDS[kind].label,
      essential: NOTICE_KINDS[kind].essential,
      choosable: CHANNELS.filter((channel) => channelChoosable(kind, channel)),
    })),
    sms_number: phone,
  }
}

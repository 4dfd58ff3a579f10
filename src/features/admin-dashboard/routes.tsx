import { Hono } from 'hono'
import { AdminDashboardPage } from '../../../views/admin/dashboard-page'
import { requireActor } from '../../core/context'
import { renderView } from '../../core/page'
import { joinNotificationHub } from '../../durable-objects/notification-hub/stub'
import { ADMIN_CHANNEL } from '../../durable-objects/notification-hub/protocol'
import { requireWebSocketUpgrade } from '../../durable-objects/chat-room/stub'
import type { AppEnv } from '../../env'
import { localDate } from '../../lib/format'
import { daysWindow } from '../../lib/time'
import { viewerTimeZone } from '../../lib/viewer-timezone'
import { requireRole } from '../../middleware/access-control'
import { adminDashboard } from './service'

export const adminDashboardRoutes = new Hono<AppEnv>()

adminDashboardRoutes.use('/admin', requireRole('admin:super', 'admin:clinic'))
adminDashboardRoutes.use('/admin/live', requireRole('admin:super', 'admin:clinic'))

adminDashboardRoutes.get('/admin', async (c) => {
  const { timezone } = viewerTimeZone(c, 'UTC')
  // "Today" is the admin's day, in their zone.
  const today = daysWindow(localDate(c.var.ctx.now, timezone), 1, timezone)
  const view = await adminDashboard(c.var.ctx, { todayFrom: today.from, todayTo: today.to })
  return renderView(c, { title: 'Dashboard', body: <AdminDashboardPage view={view} timezone={timezone} /> })
})

// The dashboard's live channel: one hub all admins' dashboards listen to (docs/api.md).
adminDashboardRoutes.get('/admin/live', async (c) => {
  requireWebSocketUpgrade(c)
  const actor = requireActor(c.var.ctx)
  return joinNotificationHub(c.env, { userId: actor.id, sessionId: c.var.ctx.sessionId! }, ADMIN_CHANNEL)
})

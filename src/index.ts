import { app } from './app'
import type { Bindings } from './env'
import { runScheduled } from './jobs'

export { RateLimiter } from './durable-objects/rate-limiter/rate-limiter'
export { ChatRoom } from './durable-objects/chat-room/chat-room'
export { CallRoom } from './durable-objects/call-room/call-room'
export { NotificationHub } from './durable-objects/notification-hub/notification-hub'

export default {
  fetch: app.fetch,
  // The run is the handler's own promise (not handed to waitUntil), so the runtime, and
  // wrangler dev's /__scheduled, see it finish; work after it (first deliveries, live pings) may
  // outlast it.
  async scheduled(controller, env, ctx) {
    await runScheduled(controller.cron, env, new Date(controller.scheduledTime), (work) => ctx.waitUntil(work))
  },
} satisfies ExportedHandler<Bindings>

import { app } from './app'
import type { Bindings } from './env'
import { runScheduled } from './jobs'

export { RateLimiter } from './durable-objects/rate-limiter/rate-limiter'
export { ChatRoom } from './durable-objects/chat-room/chat-room'
export { CallRoom } from './durable-objects/call-room/call-room'
export { NotificationHub } from './durable-objects/notification-hub/notification-hub'

export default {
  fetch: app.fetch,
  scheduled(controller, env, ctx) {
    ctx.waitUntil(runScheduled(controller.cron, env, new Date(controller.scheduledTime), (work) => ctx.waitUntil(work)))
  },
} satisfies ExportedHandler<Bindings>

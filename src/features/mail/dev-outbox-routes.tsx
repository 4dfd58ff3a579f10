import { Hono } from 'hono'
import { OutboxPage } from '../../../views/dev/outbox-page'
import type { AppEnv } from '../../env'
import { renderView } from '../../core/page'
import { developmentOnly } from '../../middleware/development-only'
import { NotFoundError } from '../../lib/errors'
import { toIsoInstant } from '../../lib/time'
import { latestOutboxMessageTo, recentOutboxStatement } from '../../core/mail/outbox-queries'
import { recentSmsStatement } from '../../core/notices/outbox-queries'

export const devOutboxRoutes = new Hono<AppEnv>()

devOutboxRoutes.use('/dev/*', developmentOnly)

devOutboxRoutes.get('/dev/outbox', async (c) => {
  const [messages, texts] = await c.var.db.batch([recentOutboxStatement(c.var.db), recentSmsStatement(c.var.db)])
  return renderView(c, { title: 'Development outbox', body: <OutboxPage messages={messages} texts={texts} /> })
})

// For scripts and browser tests: the newest message to one address.
devOutboxRoutes.get('/dev/outbox/latest.json', async (c) => {
  const to = (c.req.query('to') ?? '').trim().toLowerCase()
  const m = await latestOutboxMessageTo(c.var.db, to)
  if (!m) throw new NotFoundError('No message to that address.')
  return c.json({ id: m.id, to: m.toAddress, subject: m.subject, text: m.textBody, html: m.htmlBody, created_at: toIsoInstant(m.createdAt) })
})

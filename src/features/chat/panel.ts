import type { Context } from 'hono'
import type { ChatView } from '../../../views/chat/chat-panel'
import { requireActor } from '../../core/context'
import type { AppEnv } from '../../env'
import { newId } from '../../lib/ids'
import { viewerTimeZone } from '../../lib/viewer-timezone'
import { readConversation } from './service'

const PAGE_SIZE = 50

// A fresh id for the next message a form sends, so a resent form is stored once.
export const newClientId = () => newId('c')

// The conversation and its latest page of history (session + one batch), as its panel shows it.
export async function loadChatView(c: Context<AppEnv>, conversationId: string, before?: number, form: { body?: string; error?: string } = {}): Promise<ChatView> {
  const history = await readConversation(c.var.ctx, { conversationId, before, limit: PAGE_SIZE })
  return { ...history, messages: history.messages.reverse(), viewerId: requireActor(c.var.ctx).id, timezone: viewerTimeZone(c, 'UTC').timezone, clientId: newClientId(), ...form }
}


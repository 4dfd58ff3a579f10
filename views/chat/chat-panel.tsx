import { TEXT_LIMITS } from '../../src/core/input'
import type { ApiMessage } from '../../src/core/shapes'
import type { ApiConversation } from '../../src/features/chat/present'
import { UnreadBadge } from '../components/unread-badge'
import { formatDateTime } from '../../src/lib/format'

export type ChatView = {
  conversation: ApiConversation
  messages: ApiMessage[] // oldest first
  nextBefore: number | null
  othersReadSeq: number
  viewerId: string
  timezone: string
  // A fresh client id for the form, so a resubmitted form is recognised as the same message.
  clientId: string
  body?: string
  error?: string
  // A support agent on a support conversation: offer to make it a ticket.
  canMakeTicket?: boolean
}

const lastSeqOf = (view: Pick<ChatView, 'messages' | 'conversation'>) => view.messages.at(-1)?.seq ?? view.conversation.last_seq

export function MessageItem({ message, viewerId, timezone, seen }: { message: ApiMessage; viewerId: string; timezone: string; seen?: boolean }) {
  const mine = message.sender.id === viewerId
  return (
    <li id={`msg-${message.seq}`} data-seq={message.seq} class={mine ? 'message mine' : 'message'}>
      <p class="meta">
        <strong>{mine ? 'You' : message.sender.name}</strong>{' '}
        <time datetime={message.created_at}>{formatDateTime(new Date(message.created_at), timezone)}</time>
        {seen ? <span class="receipt"> · Seen</span> : null}
      </p>
      <p class="body">{message.body}</p>
    </li>
  )
}

// The messages after a seq, for the htmx poll, with the poller itself swapped out-of-band so its
// next request asks only for what is newer still.
export function MessagesUpdate({ view, after }: { view: Pick<ChatView, 'messages' | 'viewerId' | 'timezone' | 'conversation'>; after: number }) {
  const last = view.messages.at(-1)?.seq ?? after
  return (
    <>
      {view.messages.map((m) => (
        <MessageItem message={m} viewerId={view.viewerId} timezone={view.timezone} />
      ))}
      <Poller conversationId={view.conversation.id} after={last} oob />
    </>
  )
}

function Poller({ conversationId, after, oob }: { conversationId: string; after: number; oob?: boolean }) {
  return (
    <div
      id="chat-poll"
      hx-get={`/conversations/${conversationId}/messages?after=${after}`}
      hx-trigger="every 8s"
      hx-target="#messages"
      hx-swap="beforeend"
      hx-swap-oob={oob ? 'true' : undefined}
      data-after={after}
    ></div>
  )
}

export function ChatForm({ conversationId, clientId, body, error, oob }: { conversationId: string; clientId: string; body?: string; error?: string; oob?: boolean }) {
  const action = `/conversations/${conversationId}/messages`
  return (
    <form id="chat-form" class="chat-form" method="post" action={action} hx-post={action} hx-target="#messages" hx-swap="beforeend" hx-swap-oob={oob ? 'true' : undefined} data-keep-draft novalidate>
      <input type="hidden" name="client_id" value={clientId} />
      <label for="chat-body">Message</label>
      {error ? (
        <p id="chat-body-error" class="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <textarea id="chat-body" name="body" rows={3} maxlength={TEXT_LIMITS.message} required aria-invalid={error ? 'true' : undefined} aria-describedby={error ? 'chat-body-error' : undefined}>
        {body ?? ''}
      </textarea>
      <button type="submit">Send</button>
    </form>
  )
}

// The conversation: history (oldest at the top), the live region new messages arrive in, and
// the form. Works as plain HTML; with htmx it posts in place and polls; with chat.js it goes live
// over the WebSocket and falls back to htmx whenever the socket is down.
export function ChatPanel({ view, headingLevel = 1, heading }: { view: ChatView; headingLevel?: 1 | 2; heading?: string }) {
  const { conversation } = view
  const Heading = headingLevel === 1 ? 'h1' : 'h2'
  const lastSeen = [...view.messages].reverse().find((m) => m.sender.id === view.viewerId && m.seq <= view.othersReadSeq)?.seq
  return (
    <section class="chat" id="chat" aria-labelledby="chat-title" data-conversation={conversation.id} data-viewer={view.viewerId} data-last-seq={lastSeqOf(view)} data-others-read={view.othersReadSeq} data-timezone={view.timezone}>
      <Heading id="chat-title">{heading ?? conversation.title}</Heading>
      {view.nextBefore ? (
        <p>
          <a href={`/conversations/${conversation.id}?before=${view.nextBefore}`}>Show earlier messages</a>
        </p>
      ) : null}
      {view.messages.length === 0 ? (
        <p class="muted" id="chat-empty">
          No messages yet. Messages are kept with your records and seen only by the people in this conversation.
        </p>
      ) : null}
      <ol id="messages" class="messages" aria-live="polite" aria-relevant="additions">
        {view.messages.map((m) => (
          <MessageItem message={m} viewerId={view.viewerId} timezone={view.timezone} seen={m.seq === lastSeen} />
        ))}
      </ol>
      <p id="chat-typing" class="muted small" aria-live="polite"></p>
      <p id="chat-status" class="muted small" role="status">
        <a href={`/conversations/${conversation.id}`}>Check for new messages</a>
      </p>
      <Poller conversationId={conversation.id} after={lastSeqOf(view)} />
      <ChatForm conversationId={conversation.id} clientId={view.clientId} body={view.body} error={view.error} />
      {view.canMakeTicket ? (
        <form method="post" action={`/admin/tickets/from-conversation/${conversation.id}`} class="inline-form">
          <button type="submit" class="secondary">
            Make this a ticket
          </button>
        </form>
      ) : null}
    </section>
  )
}

export function ConversationsPage({ items, timezone }: { items: ApiConversation[]; timezone: string }) {
  return (
    <section aria-labelledby="conversations-title">
      <h1 id="conversations-title">Messages</h1>
      {items.length === 0 ? <p class="muted">No conversations yet. You can message a doctor from an appointment’s page.</p> : null}
      <ul class="conversation-list">
        {items.map((c) => (
          <li>
            <a href={`/conversations/${c.id}`}>
              <strong>{c.title}</strong>
              <UnreadBadge count={c.unread_count} />
            </a>
            <br />
            <span class="muted small">
              {c.appointment?.start ? `Appointment ${formatDateTime(new Date(c.appointment.start), timezone)}` : c.kind === 'support' ? 'Support' : ''}
              {c.last_message_at ? ` · last message ${formatDateTime(new Date(c.last_message_at), timezone)}` : ''}
            </span>
          </li>
        ))}
      </ul>
      <form method="post" action="/conversations/support" class="inline-form">
        <button type="submit" class="secondary">
          Message MediConnect support
        </button>
      </form>
    </section>
  )
}

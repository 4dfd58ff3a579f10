import { Notices } from '../components/form'
import { formatDateTime } from '../../src/lib/format'
import { NextPage } from '../components/pager'

export type NotificationItem = { id: string; title: string; body: string | null; link: string | null; readAt: Date | null; createdAt: Date }

// Newest first; an unread one is marked in words and weight, and opening it marks it read.
export function NotificationsPage({ items, unread, nextCursor, timezone, notice }: { items: NotificationItem[]; unread: number; nextCursor: string | null; timezone: string; notice?: string }) {
  return (
    <section aria-labelledby="notifications-title" class="cards-narrow">
      <h1 id="notifications-title">Notifications</h1>
      <Notices notice={notice} />
      <p class="lead">
        {unread ? `${unread} unread.` : 'Nothing unread.'} <a href="/settings/notifications">Choose how you are told</a>
      </p>
      {unread ? (
        <form method="post" action="/notifications/read">
          <input type="hidden" name="all" value="true" />
          <button type="submit" class="secondary">
            Mark all as read
          </button>
        </form>
      ) : null}
      {items.length === 0 ? (
        <p class="empty">Nothing yet. Bookings, changes, reminders and messages will show here.</p>
      ) : (
        <ol class="plain-list notifications" role="list">
          {items.map((n) => (
            <li class={n.readAt ? 'card' : 'card unread'}>
              <h2>
                <a href={`/notifications/${n.id}/open`}>{n.title}</a>
                {n.readAt ? null : <span class="badge">new</span>}
              </h2>
              {n.body ? <p>{n.body}</p> : null}
              <p class="muted">
                <time datetime={n.createdAt.toISOString()}>{formatDateTime(n.createdAt, timezone)}</time>
              </p>
              {n.readAt ? null : (
                <form method="post" action="/notifications/read" class="inline-form">
                  <input type="hidden" name="id" value={n.id} />
                  <button type="submit" class="link-button">
                    Mark as read<span class="visually-hidden">: {n.title}</span>
                  </button>
                </form>
              )}
            </li>
          ))}
        </ol>
      )}
      <NextPage href="/notifications" cursor={nextCursor} label="Older notifications" />
    </section>
  )
}

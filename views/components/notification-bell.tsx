import { UnreadBadge } from './unread-badge'

// The header's link to the notifications, with the unread count from the session lookup. Open
// pages refresh it when the person's notification socket says something changed (or, if the
// socket cannot connect, once a minute): the `mc:notifications` event app.js sends.
export function NotificationBell({ count }: { count?: number }) {
  return (
    <a href="/notifications" id="nav-notifications" hx-get="/notifications/bell" hx-trigger="mc:notifications from:body" hx-swap="outerHTML" data-live-notifications>
      Notifications
      <UnreadBadge count={count} />
    </a>
  )
}

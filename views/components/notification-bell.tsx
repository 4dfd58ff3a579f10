import { UnreadBadge } from './unread-badge'

// The header's link to the notifications, with the unread count from the session lookup (in the
// bar itself, so a phone shows it without opening the menu; there the word is for screen
// readers and the bell icon is what shows). Open
// pages refresh it when the person's notification socket says something changed (or, if the
// socket cannot connect, once a minute): the `mc:notifications` event app.js sends.
export function NotificationBell({ count }: { count?: number }) {
  return (
    <a href="/notifications" id="nav-notifications" class="bell" hx-get="/notifications/bell" hx-trigger="mc:notifications from:body" hx-swap="outerHTML" data-live-notifications>
      <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20" focusable="false">
        <path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z" />
      </svg>
      <span class="bell-label">Notifications</span>
      <UnreadBadge count={count} />
    </a>
  )
}

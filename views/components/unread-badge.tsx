// "3 unread" as a badge: the number shown, the word for screen readers.
export function UnreadBadge({ count }: { count?: number }) {
  return count ? (
    <span class="badge">
      {count}
      <span class="visually-hidden"> unread</span>
    </span>
  ) : null
}

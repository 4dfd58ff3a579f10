// The link to a list's next page (keyset: the cursor says where it goes on), or nothing at the end.
export function NextPage({ href, cursor, label, params = {} }: { href: string; cursor?: string | null; label: string; params?: Record<string, string> }) {
  if (!cursor) return null
  return (
    <p class="pager">
      <a href={`${href}?${new URLSearchParams({ ...params, cursor })}`}>{label}</a>
    </p>
  )
}

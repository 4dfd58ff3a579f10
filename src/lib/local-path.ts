// Where a sign-in may send someone back to: a path on this site, or nowhere. Browsers drop tabs
// and newlines from URLs and read a backslash as a slash, so "/\t/evil.example" or "/\evil.example"
// would leave the site; control characters and backslashes are refused outright, and what is left
// must resolve to this origin. The answer is the path, query and fragment only.
export function localPath(next: string | undefined, fallback = '/'): string {
  if (!next || next.length > 500 || !next.startsWith('/') || /[\u0000-\u001f\u007f\\]/.test(next)) return fallback
  const base = 'https://this.site'
  let url: URL
  try {
    url = new URL(next, base)
  } catch {
    return fallback
  }
  return url.origin === base ? `${url.pathname}${url.search}${url.hash}` : fallback
}

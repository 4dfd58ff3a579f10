// Recognising database failures by what @libsql/client reports (its error `code`), looking through
// Drizzle's wrapper (DrizzleQueryError keeps the driver's error as `cause`).
const UNREACHABLE_CODES = new Set(['HRANA_CLOSED_ERROR', 'SERVER_ERROR', 'HRANA_WEBSOCKET_ERROR'])

function* causes(err: unknown): Generator<unknown> {
  let current = err
  for (let depth = 0; current && depth < 8; depth++) {
    yield current
    current = (current as { cause?: unknown }).cause
  }
}

function codeOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : undefined
}

export function isDatabaseUnreachable(err: unknown): boolean {
  for (const e of causes(err)) {
    const code = codeOf(e)
    if (code && UNREACHABLE_CODES.has(code)) return true
    // workerd's fetch rejects without a code when nothing listens on the port: a TypeError
    // ("fetch failed") or a plain Error ("Network connection lost.").
    if (e instanceof Error && !code && /fetch failed|network|connect|socket/i.test(e.message)) return true
    // A round trip past its deadline (createDb's timeout): the database is there but not answering.
    if (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError')) return true
  }
  return false
}

// True for UNIQUE and PRIMARY KEY violations, optionally of one named index or column list.
export function isUniqueViolation(err: unknown, indexOrColumns?: string): boolean {
  for (const e of causes(err)) {
    const code = codeOf(e)
    if (!code?.startsWith('SQLITE_CONSTRAINT')) continue
    const message = (e as Error).message ?? ''
    if (!/UNIQUE|PRIMARY KEY/i.test(message) && !/UNIQUE|PRIMARYKEY/.test(code)) continue
    return indexOrColumns ? message.includes(indexOrColumns) : true
  }
  return false
}

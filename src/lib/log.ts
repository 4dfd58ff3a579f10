// Structured logs: one JSON object per line, which Workers Logs and `wrangler tail` index by field.
// Never pass request bodies, tokens or medical data here.
type Level = 'debug' | 'info' | 'warn' | 'error'

export function log(level: Level, msg: string, fields: Record<string, unknown> = {}): void {
  const line = JSON.stringify({ level, msg, time: new Date().toISOString(), ...fields })
  if (level === 'error') console.error(line)
  else if (level === 'warn') console.warn(line)
  else console.log(line)
}

export function describeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { error: String(err) }
  const cause = err.cause instanceof Error ? `${err.cause.name}: ${err.cause.message}` : undefined
  return { error: `${err.name}: ${err.message}`, cause, stack: err.stack }
}

// The Hrana v2 wire format over HTTP (JSON), as @libsql/client's HTTP driver and Turso speak it:
// https://github.com/tursodatabase/libsql/blob/main/docs/HRANA_2_SPEC.md and HTTP_V2_SPEC.md.
export type Value =
  | { type: 'null' }
  | { type: 'integer'; value: string }
  | { type: 'float'; value: number }
  | { type: 'text'; value: string }
  | { type: 'blob'; base64: string }

export type Stmt = {
  sql?: string
  sql_id?: number
  args?: Value[]
  named_args?: { name: string; value: Value }[]
  want_rows?: boolean
}

export type BatchCond =
  | { type: 'ok'; step: number }
  | { type: 'error'; step: number }
  | { type: 'not'; cond: BatchCond }
  | { type: 'and'; conds: BatchCond[] }
  | { type: 'or'; conds: BatchCond[] }
  | { type: 'is_autocommit' }

export type Batch = { steps: { condition?: BatchCond | null; stmt: Stmt }[] }

export type StreamRequest =
  | { type: 'close' }
  | { type: 'execute'; stmt: Stmt }
  | { type: 'batch'; batch: Batch }
  | { type: 'sequence'; sql?: string; sql_id?: number }
  | { type: 'describe'; sql?: string; sql_id?: number }
  | { type: 'store_sql'; sql_id: number; sql: string }
  | { type: 'close_sql'; sql_id: number }
  | { type: 'get_autocommit' }

export type PipelineRequest = { baton: string | null; requests: StreamRequest[] }

export type ProtoError = { message: string; code?: string }

export type StmtResult = {
  cols: { name: string | null; decltype: string | null }[]
  rows: Value[][]
  affected_row_count: number
  last_insert_rowid: string | null
  rows_read: number
  rows_written: number
  query_duration_ms: number
}

export type BatchResult = {
  step_results: (StmtResult | null)[]
  step_errors: (ProtoError | null)[]
}

export type DescribeResult = {
  params: { name: string | null }[]
  cols: { name: string; decltype: string | null }[]
  is_explain: boolean
  is_readonly: boolean
}

export type StreamResponse =
  | { type: 'close' }
  | { type: 'execute'; result: StmtResult }
  | { type: 'batch'; result: BatchResult }
  | { type: 'sequence' }
  | { type: 'describe'; result: DescribeResult }
  | { type: 'store_sql' }
  | { type: 'close_sql' }
  | { type: 'get_autocommit'; is_autocommit: boolean }

export type StreamResult = { type: 'ok'; response: StreamResponse } | { type: 'error'; error: ProtoError }

export type PipelineResponse = { baton: string | null; base_url: string | null; results: StreamResult[] }

// A request the protocol does not allow: the whole pipeline is refused with HTTP 400.
export class ProtocolError extends Error {
  constructor(
    message: string,
    readonly code = 'PROTOCOL_ERROR',
    readonly status = 400,
  ) {
    super(message)
  }
}

export type SqlValue = null | bigint | number | string | Uint8Array

export function decodeValue(value: Value): SqlValue {
  switch (value?.type) {
    case 'null':
      return null
    case 'integer':
      if (typeof value.value !== 'string' || !/^-?\d+$/.test(value.value)) {
        throw new ProtocolError(`invalid integer value ${JSON.stringify(value.value)}`)
      }
      return BigInt(value.value)
    case 'float':
      if (typeof value.value !== 'number') throw new ProtocolError('invalid float value')
      return value.value
    case 'text':
      if (typeof value.value !== 'string') throw new ProtocolError('invalid text value')
      return value.value
    case 'blob':
      if (typeof value.base64 !== 'string') throw new ProtocolError('invalid blob value')
      return Buffer.from(value.base64, 'base64')
    default:
      throw new ProtocolError(`unknown value type ${JSON.stringify((value as { type?: unknown })?.type)}`)
  }
}

// SQLite hands integers back as bigint (safe-integer mode), so 2^53 + 1 survives the trip.
export function encodeValue(value: unknown): Value {
  if (value === null || value === undefined) return { type: 'null' }
  if (typeof value === 'bigint') return { type: 'integer', value: value.toString() }
  // In safe-integer mode every number SQLite returns is a REAL, even one like 2.0.
  if (typeof value === 'number') return { type: 'float', value }
  if (typeof value === 'string') return { type: 'text', value }
  if (value instanceof Uint8Array) return { type: 'blob', base64: Buffer.from(value).toString('base64') }
  throw new Error(`cannot encode ${typeof value}`)
}

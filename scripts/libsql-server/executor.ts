import type Database from 'libsql'
import {
  decodeValue,
  encodeValue,
  ProtocolError,
  type Batch,
  type BatchCond,
  type BatchResult,
  type DescribeResult,
  type ProtoError,
  type SqlValue,
  type Stmt,
  type StmtResult,
} from './protocol'

type Connection = InstanceType<typeof Database>

// An error SQLite raised while running a statement; it goes back to the client as a Hrana error,
// with the primary result code as Turso (sqld) reports it ("SQLITE_CONSTRAINT"), and the
// message naming the constraint ("UNIQUE constraint failed: users.email").
export class SqlError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message)
  }
  toProto(): ProtoError {
    return { message: this.message, code: this.code }
  }
}

const PRIMARY_CODES = [
  'SQLITE_ERROR', 'SQLITE_INTERNAL', 'SQLITE_PERM', 'SQLITE_ABORT', 'SQLITE_BUSY', 'SQLITE_LOCKED',
  'SQLITE_NOMEM', 'SQLITE_READONLY', 'SQLITE_INTERRUPT', 'SQLITE_IOERR', 'SQLITE_CORRUPT',
  'SQLITE_NOTFOUND', 'SQLITE_FULL', 'SQLITE_CANTOPEN', 'SQLITE_PROTOCOL', 'SQLITE_EMPTY',
  'SQLITE_SCHEMA', 'SQLITE_TOOBIG', 'SQLITE_CONSTRAINT', 'SQLITE_MISMATCH', 'SQLITE_MISUSE',
  'SQLITE_NOLFS', 'SQLITE_AUTH', 'SQLITE_FORMAT', 'SQLITE_RANGE', 'SQLITE_NOTADB',
]

function primaryCode(code: string): string {
  // Longest match first, so SQLITE_CONSTRAINT_UNIQUE is not read as SQLITE_CONSTRAIN…
  return PRIMARY_CODES.filter((p) => code === p || code.startsWith(`${p}_`)).sort((a, b) => b.length - a.length)[0] ?? code
}

// Runs fn, turning what libsql throws into an SqlError; anything else is a bug and rethrown.
function sqlite<T>(fn: () => T): T {
  try {
    return fn()
  } catch (err) {
    const code = (err as { code?: unknown }).code
    if (typeof code === 'string' && code.startsWith('SQLITE')) {
      throw new SqlError(`SQLite error: ${(err as Error).message}`, primaryCode(code))
    }
    throw err
  }
}

export type StoredSql = Map<number, string>

function sqlOf(source: { sql?: string; sql_id?: number }, stored: StoredSql): string {
  if (typeof source.sql === 'string' && source.sql_id == null) return source.sql
  if (source.sql == null && typeof source.sql_id === 'number') {
    const sql = stored.get(source.sql_id)
    if (sql === undefined) throw new ProtocolError(`SQL text ${source.sql_id} is not stored`, 'SQL_NOT_FOUND')
    return sql
  }
  throw new ProtocolError('exactly one of "sql" and "sql_id" must be given')
}

// Named arguments arrive with their prefix (":name", "@name", "$name") or without it; libsql
// binds by the bare name.
function bindings(stmt: Stmt): SqlValue[] | Record<string, SqlValue> {
  const named = stmt.named_args ?? []
  const positional = (stmt.args ?? []).map(decodeValue)
  if (named.length === 0) return positional
  if (positional.length > 0) throw new ProtocolError('mixing positional and named arguments is not supported')
  const out: Record<string, SqlValue> = {}
  for (const arg of named) out[arg.name.replace(/^[:@$]/, '')] = decodeValue(arg.value)
  return out
}

// Connections inside "BEGIN TRANSACTION READONLY" (what @libsql/client sends for a 'read'
// batch). The embedded engine accepts writes there; Turso refuses them, and so do we.
const readOnlyTransactions = new WeakSet<Connection>()
const BEGIN_READONLY = /^\s*begin\s+(transaction\s+)?readonly\b/i

export function executeStmt(db: Connection, stmt: Stmt, stored: StoredSql): StmtResult {
  if (!stmt || typeof stmt !== 'object') throw new ProtocolError('missing statement')
  const sql = sqlOf(stmt, stored)
  const args = bindings(stmt)
  const started = performance.now()
  if (!db.inTransaction) readOnlyTransactions.delete(db)
  if (readOnlyTransactions.has(db) && !/^\s*(commit|end|rollback)\b/i.test(sql) && !sqlite(() => isReadonly(db, sql, false))) {
    throw new SqlError('SQLite error: attempt to write a readonly database', 'SQLITE_READONLY')
  }
  const result = sqlite(() => {
    const prepared = db.prepare(sql)
    const cols = prepared.reader
      ? prepared.columns().map((c: { name: string; type: string | null }) => ({ name: c.name, decltype: c.type ?? null }))
      : []
    let rows: unknown[][] = []
    let affected = 0
    let lastInsertRowid: bigint | number | null = null
    if (prepared.reader) {
      // SELECT, or a write with RETURNING: read the rows, then ask SQLite what it changed.
      const before = totalChanges(db)
      rows = prepared.raw(true).safeIntegers(true).all(args) as unknown[][]
      const [changes, total, rowid] = db.prepare('select changes(), total_changes(), last_insert_rowid()').raw(true).safeIntegers(true).all([])[0] as bigint[]
      affected = total !== before ? Number(changes) : 0
      lastInsertRowid = rowid ?? null
    } else {
      const info = prepared.safeIntegers(true).run(args) as { changes: number; lastInsertRowid: bigint | number }
      affected = Number(info.changes)
      lastInsertRowid = info.lastInsertRowid
    }
    // As Turso: a rowid only for a statement that inserted rows (SQLite's last_insert_rowid()
    // keeps the previous insert's through updates, selects and inserts that inserted nothing).
    if (affected === 0 || !INSERT.test(sql)) lastInsertRowid = null
    return {
      cols,
      rows: stmt.want_rows === false ? [] : rows.map((row) => row.map(encodeValue)),
      affected_row_count: affected,
      last_insert_rowid: lastInsertRowid === null ? null : String(lastInsertRowid),
      rows_read: rows.length,
      rows_written: affected,
      query_duration_ms: performance.now() - started,
    }
  })
  if (BEGIN_READONLY.test(sql)) readOnlyTransactions.add(db)
  return result
}

// Always .all(), never .get(): libsql leaves a statement read with .get() in progress, and an
// unfinished statement makes the next COMMIT fail ("SQL statements in progress").
// INSERT or REPLACE, possibly after a WITH clause.
const INSERT = /^\s*(with\b[\s\S]*\)\s*)?(insert|replace)\b/i

function totalChanges(db: Connection): bigint {
  const [total] = db.prepare('select total_changes()').raw(true).safeIntegers(true).all([])[0] as bigint[]
  return total!
}

// Steps run in order; a step whose condition is false is skipped (null result, null error).
// A failing step does not stop the batch: later conditions decide (that is how the client
// rolls a transaction back).
export function executeBatch(db: Connection, batch: Batch, stored: StoredSql): BatchResult {
  if (!batch || !Array.isArray(batch.steps)) throw new ProtocolError('a batch needs "steps"')
  const result: BatchResult = { step_results: [], step_errors: [] }
  const evaluate = (cond: BatchCond): boolean => {
    switch (cond.type) {
      case 'ok':
      case 'error': {
        if (!Number.isInteger(cond.step) || cond.step < 0 || cond.step >= result.step_results.length) {
          throw new ProtocolError(`a condition refers to step ${cond.step}, which has not run yet`)
        }
        const ok = result.step_results[cond.step] != null
        const failed = result.step_errors[cond.step] != null
        return cond.type === 'ok' ? ok : failed
      }
      case 'not':
        return !evaluate(cond.cond)
      case 'and':
        return cond.conds.every(evaluate)
      case 'or':
        return cond.conds.some(evaluate)
      case 'is_autocommit':
        return !db.inTransaction
      default:
        throw new ProtocolError(`unknown condition ${JSON.stringify((cond as { type?: unknown }).type)}`)
    }
  }
  for (const step of batch.steps) {
    if (step.condition && !evaluate(step.condition)) {
      result.step_results.push(null)
      result.step_errors.push(null)
      continue
    }
    try {
      result.step_results.push(executeStmt(db, step.stmt, stored))
      result.step_errors.push(null)
    } catch (err) {
      if (!(err instanceof SqlError)) throw err
      result.step_results.push(null)
      result.step_errors.push(err.toProto())
    }
  }
  return result
}

export function executeSequence(db: Connection, request: { sql?: string; sql_id?: number }, stored: StoredSql) {
  const sql = sqlOf(request, stored)
  sqlite(() => db.exec(sql))
}

export function describeSql(db: Connection, request: { sql?: string; sql_id?: number }, stored: StoredSql): DescribeResult {
  const sql = sqlOf(request, stored)
  return sqlite(() => {
    const prepared = db.prepare(sql)
    const cols = prepared.reader
      ? prepared.columns().map((c: { name: string; type: string | null }) => ({ name: c.name, decltype: c.type ?? null }))
      : []
    const isExplain = /^\s*explain\b/i.test(stripLeadingComments(sql))
    return { params: parameterNames(sql), cols, is_explain: isExplain, is_readonly: isReadonly(db, sql, isExplain) }
  })
}

// Whether a statement only reads. libsql's JS binding has no sqlite3_stmt_readonly, and running
// EXPLAIN through it leaves a statement in progress that blocks the next COMMIT, so this reads the
// statement's shape instead: it returns rows, starts with a reading keyword, and has no RETURNING
// (INSERT … RETURNING also returns rows).
function isReadonly(db: Connection, sql: string, isExplain: boolean): boolean {
  if (isExplain) return true
  const text = stripLeadingComments(sql)
  return db.prepare(sql).reader && /^\s*(select|with|values|pragma)\b/i.test(text) && !/\breturning\b/i.test(text) && !/^\s*with\b[\s\S]*\b(insert|update|delete|replace)\b/i.test(text)
}

function stripLeadingComments(sql: string): string {
  return sql.replace(/^(\s*(--[^\n]*\n|\/\*[\s\S]*?\*\/))*/, '')
}

// Parameter names in order of their index, as sqlite3_bind_parameter_name reports them: null for
// a bare "?", "?NNN" for numbered ones, ":name" / "@name" / "$name" for named ones. Quoted text,
// quoted identifiers and comments are skipped.
export function parameterNames(sql: string): { name: string | null }[] {
  const params: { name: string | null }[] = []
  const named = new Map<string, number>()
  let i = 0
  while (i < sql.length) {
    const ch = sql[i]!
    if (ch === "'" || ch === '"' || ch === '`') {
      const end = sql.indexOf(ch, i + 1)
      i = end === -1 ? sql.length : end + 1
    } else if (ch === '[') {
      const end = sql.indexOf(']', i + 1)
      i = end === -1 ? sql.length : end + 1
    } else if (ch === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i)
      i = end === -1 ? sql.length : end + 1
    } else if (ch === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2)
      i = end === -1 ? sql.length : end + 2
    } else if (ch === '?') {
      const digits = /^\d*/.exec(sql.slice(i + 1))![0]
      if (digits) {
        const index = Number(digits)
        while (params.length < index) params.push({ name: null })
        params[index - 1] = { name: `?${digits}` }
      } else {
        params.push({ name: null })
      }
      i += 1 + digits.length
    } else if ((ch === ':' || ch === '@' || ch === '$') && /[A-Za-z0-9_]/.test(sql[i + 1] ?? '')) {
      const name = ch + /^[A-Za-z0-9_]+/.exec(sql.slice(i + 1))![0]
      if (!named.has(name)) {
        params.push({ name })
        named.set(name, params.length)
      }
      i += name.length
    } else {
      i++
    }
  }
  return params
}

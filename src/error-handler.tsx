import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { ErrorPage, ERROR_PAGE_TEXT } from '../views/errors/error-page'
import { localPath } from './lib/local-path'
import { isDatabaseUnreachable } from './db/errors'
import type { AppEnv } from './env'
import { apiErrorBody } from './lib/api-error'
import { isApiRequest } from './lib/api-path'
import {
  AppError,
  BadRequestError,
  DatabaseUnavailableError,
  PayloadTooLargeError,
  RateLimitedError,
  UnauthorizedError,
} from './lib/errors'
import { renderView, type ViewStatus } from './core/page'
import { describeError, log } from './lib/log'


// Everything thrown is turned into a known AppError here; what is not known is logged with its
// stack and answered as a plain 500 that reveals nothing (no stack, no SQL).
function toAppError(err: unknown, c: Context<AppEnv>): AppError | undefined {
  if (err instanceof AppError) return err
  if (err instanceof HTTPException) {
    if (err.status === 413) return new PayloadTooLargeError()
    if (err.status === 401) return new UnauthorizedError()
    if (err.status === 400) {
      const malformed = /json/i.test(err.message)
      return new BadRequestError(malformed ? 'The request body is not valid JSON.' : undefined)
    }
  }
  if (isDatabaseUnreachable(err)) {
    log('warn', 'database unreachable', { request_id: c.var.requestId, ...describeError(err) })
    return new DatabaseUnavailableError()
  }
  return undefined
}

export function handleError(err: unknown, c: Context<AppEnv>): Response | Promise<Response> {
  const known = toAppError(err, c)
  if (!known) {
    log('error', 'unhandled error', { request_id: c.var.requestId, ...describeError(err) })
  }
  const status = known?.status ?? 500
  if (known instanceof RateLimitedError) c.header('Retry-After', String(known.retryAfterSeconds))
  if (status === 503) c.header('Retry-After', '30')
  c.header('Cache-Control', 'no-store')

  if (isApiRequest(c)) {
    const body = known
      ? apiErrorBody(known)
      : apiErrorBody({
          code: 'internal_error',
          message: `Something went wrong on our side. Reference: ${c.var.requestId}.`,
        })
    return c.json(body, status)
  }
  return renderErrorPage(c, status, known?.message)
}

export function renderErrorPage(c: Context<AppEnv>, status: number, detail?: string) {
  const text = ERROR_PAGE_TEXT[status] ?? ERROR_PAGE_TEXT[500]!
  // Messages of client errors are written for people; server-side ones stay generic.
  const message = status < 500 && detail ? detail : text.message
  return renderView(c, {
    title: text.title,
    status: status as ViewStatus,
    body: <ErrorPage status={status} title={text.title} message={message} requestId={c.var.requestId} signIn={status === 401 ? signInLink(c) : undefined} />,
  })
}

// A form sent after the session ended (it expired, or another device signed out): signing in
// brings the person back to the page the form was on (its address keeps what it carried, such as
// the chosen time; app.js keeps what was typed). Only a page of ours, from the Referer.
function signInLink(c: Context<AppEnv>): string {
  const referer = c.req.header('referer')
  let back: string | undefined
  try {
    const from = referer ? new URL(referer) : undefined
    back = from && from.origin === new URL(c.req.url).origin ? localPath(`${from.pathname}${from.search}`, '') || undefined : undefined
  } catch {
    back = undefined
  }
  return back ? `/login?next=${encodeURIComponent(back)}` : '/login'
}

export function handleNotFound(c: Context<AppEnv>) {
  if (isApiRequest(c)) {
    return c.json(apiErrorBody({ code: 'not_found', message: 'No such endpoint.' }), 404)
  }
  return renderErrorPage(c, 404)
}

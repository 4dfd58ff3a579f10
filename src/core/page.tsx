import { settingsFrom } from './settings'
import type { Context } from 'hono'
import type { Child } from 'hono/jsx'
import { BaseLayout, type PageScript } from '../../views/layouts/base'
import type { AppEnv } from '../env'
import { AppError, ValidationError, type FieldErrors } from '../lib/errors'

// Pages: the one page-vs-fragment decision and how a refusal shows on a page.

// A plain htmx request swaps part of a page; a boosted one (hx-boost) or a history restore wants
// the whole document.
export function isHtmx(c: Context): boolean {
  return (
    c.req.header('HX-Request') === 'true' &&
    c.req.header('HX-Boosted') !== 'true' &&
    c.req.header('HX-History-Restore-Request') !== 'true'
  )
}

export type ViewStatus = 200 | 201 | 400 | 401 | 402 | 403 | 404 | 409 | 413 | 422 | 429 | 500 | 503

// The one page-vs-fragment decision: htmx gets the fragment, everyone else the full page around it.
// The footer's emergency line: the platform's setting when the request has it (signed in), else
// its default (a visitor's page reads no settings, to stay at its one round trip or none).
const emergencyText = (c: Context<AppEnv>) => (c.var.ctx?.settings ?? settingsFrom({}))['platform.emergency'].text

export function renderView(
  c: Context<AppEnv>,
  // `fragment`: the part an htmx request swaps, when it is not the whole body (live search).
  view: { title: string; body: Child; fragment?: Child; status?: ViewStatus; scripts?: [PageScript] },
) {
  c.header('Vary', 'HX-Request', { append: true })
  const status = view.status ?? 200
  if (isHtmx(c)) return c.html(<>{view.fragment ?? view.body}</>, status)
  return c.html(
    <BaseLayout title={view.title} nonce={c.get('secureHeadersNonce')} user={c.var.ctx?.actor} scripts={view.scripts} emergencyText={emergencyText(c)}>
      {view.body}
    </BaseLayout>,
    status,
  )
}

/**
 * A refusal from a service (wrong password, slot taken, too late to cancel) as a page shows it,
 * on the form or page it came from; anything unexpected (or `rethrow`n) goes on to the error
 * handler. Invalid input is 422 on a page whoever found it (zod or the service): htmx swaps 422.
 */
export function refusalOf(err: unknown, rethrow: (err: AppError) => boolean = () => false) {
  if (!(err instanceof AppError) || err.status >= 500 || rethrow(err)) throw err
  const status = (err instanceof ValidationError ? 422 : err.status) as ViewStatus
  return { message: err.message, errors: err.fields as FieldErrors | undefined, status, code: err.code }
}

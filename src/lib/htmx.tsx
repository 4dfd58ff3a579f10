import type { Context } from 'hono'
import type { Child } from 'hono/jsx'
import { BaseLayout, type PageScript } from '../../views/layouts/base'
import type { AppEnv } from '../env'

// A plain htmx request swaps part of a page; a boosted one (hx-boost) or a history restore wants
// the whole document.
export function isHtmx(c: Context): boolean {
  return (
    c.req.header('HX-Request') === 'true' &&
    c.req.header('HX-Boosted') !== 'true' &&
    c.req.header('HX-History-Restore-Request') !== 'true'
  )
}

export type ViewStatus = 200 | 201 | 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 500 | 503

// The one page-vs-fragment decision: htmx gets the fragment, everyone else the full page around it.
export function renderView(
  c: Context<AppEnv>,
  // `fragment`: the part an htmx request swaps, when it is not the whole body (live search).
  view: { title: string; body: Child; fragment?: Child; status?: ViewStatus; scripts?: PageScript[] },
) {
  c.header('Vary', 'HX-Request', { append: true })
  const status = view.status ?? 200
  if (isHtmx(c)) return c.html(<>{view.fragment ?? view.body}</>, status)
  return c.html(
    <BaseLayout title={view.title} nonce={c.get('secureHeadersNonce')} user={c.var.user} scripts={view.scripts}>
      {view.body}
    </BaseLayout>,
    status,
  )
}

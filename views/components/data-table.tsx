import type { Child } from 'hono/jsx'

// The admin tables' shared parts. A table's whole state (filters, sort, page) is in its URL, so
// every view of it can be linked, reloaded and used without JavaScript.
export type TableState = Record<string, string | undefined>

// With htmx, filtering, sorting and paging fetch the page and swap the table's part of it in
// place (the URL follows, so the state stays linkable); without it they are plain links and forms.
// The part is the element with id `table-page` (a table page's section).
const SWAP = { 'hx-boost': 'true', 'hx-target': '#table-page', 'hx-select': '#table-page', 'hx-swap': 'outerHTML' } as const

/** A table's filter form: its fields, then Show, Clear and the export of every matching row. */
export function TableFilters({ base, label, exportHref, children }: { base: string; label: string; exportHref?: string; children: Child }) {
  return (
    <form method="get" action={base} class="filters" role="search" aria-label={label} {...SWAP}>
      {children}
      <p class="actions">
        <button type="submit">Show</button> <a href={base}>Clear</a>{' '}
        {exportHref ? (
          <a href={exportHref} hx-boost="false">
            Export all matching (CSV)
          </a>
        ) : null}
      </p>
    </form>
  )
}

/** A URL of the table with some of its state changed (a new sort starts from the first page). */
export function tableHref(base: string, state: TableState, change: TableState = {}) {
  const merged = { ...state, ...change }
  const params = new URLSearchParams(Object.entries(merged).filter((e): e is [string, string] => Boolean(e[1])))
  const query = params.toString()
  return query ? `${base}?${query}` : base
}

/** A column header that sorts by its column: the link says how, and aria-sort says how it is now. */
export function SortHeader({ label, column, base, state }: { label: string; column: string; base: string; state: TableState }) {
  const active = state.sort === column
  const dir = active ? state.dir : undefined
  const next = active && dir === 'asc' ? 'desc' : 'asc'
  return (
    <th scope="col" aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <a href={tableHref(base, state, { sort: column, dir: next, cursor: undefined })}>
        {label}
        <span class="visually-hidden">, sort {next === 'asc' ? 'ascending' : 'descending'}</span>
        {active ? <span aria-hidden="true">{dir === 'asc' ? ' ▲' : ' ▼'}</span> : null}
      </a>
    </th>
  )
}

/** The pager: back to the first page, and on to the next (keyset: there is no "page 7"). */
export function TablePager({ base, state, nextCursor }: { base: string; state: TableState; nextCursor: string | null }) {
  if (!state.cursor && !nextCursor) return null
  return (
    <nav class="pager" aria-label="Pages" {...SWAP}>
      {state.cursor ? <a href={tableHref(base, state, { cursor: undefined })}>First page</a> : null} {nextCursor ? <a href={tableHref(base, state, { cursor: nextCursor })}>Next page</a> : null}
    </nav>
  )
}

/**
 * A table that reads as cards on a phone (its header row hidden there, so the filter form also
 * offers the sort), scrolls sideways only when it must, and names itself.
 */
export function DataTable({ caption, head, children }: { caption: string; head: Child; children: Child }) {
  return (
    <div class="table-wrap" tabindex={0} role="region" aria-label={`${caption} (scrolls sideways)`}>
      <table class="cards-narrow">
        <caption>{caption}</caption>
        <thead {...SWAP}>
          <tr>{head}</tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  )
}

/** A filter form's choice (the first option is usually "Any", the empty value). */
export function FilterSelect({ name, label, value, options }: { name: string; label: string; value?: string; options: [string, string][] }) {
  return (
    <p class="field">
      <label for={`f-${name}`}>{label}</label>
      <select id={`f-${name}`} name={name}>
        {options.map(([v, text]) => (
          <option value={v} selected={(value ?? '') === v}>
            {text}
          </option>
        ))}
      </select>
    </p>
  )
}

/** A filter form's typed field (text, search or date). */
export function FilterInput({ name, label, value, type = 'text' }: { name: string; label: string; value?: string; type?: 'text' | 'search' | 'date' }) {
  return (
    <p class="field">
      <label for={`f-${name}`}>{label}</label>
      <input id={`f-${name}`} name={name} type={type} value={value} maxlength={type === 'date' ? undefined : 100} />
    </p>
  )
}

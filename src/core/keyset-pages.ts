import { encodeCursor } from '../lib/cursor'

/**
 * A page of a keyset-paged list from the rows of a query asked for one more than `size`: the
 * page's rows, and the cursor of the next page (the last row's position), or null at the end.
 */
export function pageOf<R>(rows: R[], size: number, positionOf: (row: R) => unknown) {
  const items = rows.slice(0, size)
  const last = items.at(-1)
  return { items, nextCursor: rows.length > size && last !== undefined ? encodeCursor(positionOf(last)) : null }
}

/**
 * Every row of a keyset-paged query, a page at a time (what a streamed export reads): each page
 * starts after the last row of the one before, so memory holds one page, whatever the total.
 */
export async function* keysetPages<R, P>(page: (after: P | undefined) => Promise<R[]>, positionOf: (row: R) => P, size: number) {
  let after: P | undefined
  for (;;) {
    const rows = await page(after)
    if (rows.length) yield rows
    if (rows.length < size) return
    after = positionOf(rows.at(-1)!)
  }
}

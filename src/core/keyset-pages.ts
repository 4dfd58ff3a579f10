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

type Field = string | number | null | undefined

// One CSV line (RFC 4180): fields quoted when they hold a comma, quote or line break, quotes
// doubled. A field that a spreadsheet would run as a formula (=, +, -, @, tab, carriage return
// first) is prefixed with an apostrophe, so an exported name cannot become a formula (OWASP's
// CSV injection advice).
export function csvLine(fields: Field[]): string {
  return (
    fields
      .map((field) => {
        let text = field === null || field === undefined ? '' : String(field)
        if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
        return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
      })
      .join(',') + '\r\n'
  )
}

/** A CSV download streamed page by page (each row made into its fields): nothing holds every row at once. */
export function csvResponse<R>(filename: string, header: string[], pages: AsyncIterable<R[]>, fieldsOf: (row: R) => Field[]) {
  const encoder = new TextEncoder()
  const iterator = pages[Symbol.asyncIterator]()
  let headerSent = false
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true
        controller.enqueue(encoder.encode(csvLine(header)))
        return
      }
      const next = await iterator.next()
      if (next.done) return controller.close()
      controller.enqueue(encoder.encode(next.value.map((row) => csvLine(fieldsOf(row))).join('')))
    },
    async cancel() {
      await iterator.return?.()
    },
  })
  return new Response(body, { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${filename}"`, 'cache-control': 'no-store' } })
}

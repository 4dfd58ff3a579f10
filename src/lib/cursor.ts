import type { z } from 'zod'
import { fromBase64Url, toBase64Url } from './encoding'
import { BadRequestError } from './errors'

// List cursors are opaque to clients: a keyset position as base64url JSON, checked on the way
// back in so a tampered cursor is a 400, never a query error.
export function encodeCursor(position: unknown): string {
  return toBase64Url(new TextEncoder().encode(JSON.stringify(position)))
}

export function decodeCursor<T>(cursor: string | undefined, shape: z.ZodType<T>): T | undefined {
  if (!cursor) return undefined
  try {
    const parsed = shape.safeParse(JSON.parse(new TextDecoder().decode(fromBase64Url(cursor))))
    if (parsed.success) return parsed.data
  } catch {
    // Falls through to the 400 below.
  }
  throw new BadRequestError('The cursor is not valid; start the list again.')
}

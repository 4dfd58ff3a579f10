import { z } from 'zod'
import { PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from '../../lib/errors'
import { checkFileType } from './file-type'
import { DocumentFields, MAX_DOCUMENT_BYTES } from './schemas'

export type Upload = Awaited<ReturnType<typeof readUpload>>

/** A patient document's upload: a title and a category (other, unless given). */
export const readUpload = (form: Record<string, unknown>) => readUploadOf(form, DocumentFields, { category: 'other' })

// A multipart upload's parts, checked: its fields (`defaults` fills what may be left out) and one file of an accepted type within the
// limit, recognised by its bytes. Nothing is stored until all of it holds. The title defaults
// to the file's name.
export async function readUploadOf<S extends z.ZodType<{ title: string }>>(form: Record<string, unknown>, fields: S, defaults: Record<string, string>) {
  const file = form.file
  const given = Object.fromEntries(Object.entries(form).filter(([k]) => k !== 'file'))
  const parsed = fields.safeParse({ ...defaults, ...given, title: form.title ?? (file instanceof File ? file.name.replace(/\.[^.]*$/, '') : undefined) })
  const errors = parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message]))
  if (!(file instanceof File)) throw new ValidationError({ ...errors, file: 'is required' })
  if (file.size > MAX_DOCUMENT_BYTES) throw new PayloadTooLargeError('Files can be at most 10 MB.')
  if (file.size === 0) throw new ValidationError({ ...errors, file: 'is empty' })
  if (!parsed.success) throw new ValidationError(errors)
  const bytes = new Uint8Array(await file.arrayBuffer())
  const check = checkFileType(bytes.subarray(0, 16), file.name)
  if ('problem' in check) throw new UnsupportedMediaTypeError(check.problem)
  return { ...(parsed.data as z.output<S>), bytes, contentType: check.type }
}

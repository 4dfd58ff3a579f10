import { PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from '../../lib/errors'
import { checkFileType } from './file-type'
import { DocumentFields, MAX_DOCUMENT_BYTES } from './schemas'

export type Upload = Awaited<ReturnType<typeof readUpload>>

// A multipart upload's parts, checked: a title, a category, and one file of an accepted type
// within the limit, recognised by its bytes. Nothing is stored until all of it holds.
export async function readUpload(form: Record<string, unknown>) {
  const file = form.file
  const parsed = DocumentFields.safeParse({ title: form.title ?? (file instanceof File ? file.name.replace(/\.[^.]*$/, '') : undefined), category: form.category ?? 'other' })
  const fields = parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message]))
  if (!(file instanceof File)) throw new ValidationError({ ...fields, file: 'is required' })
  if (file.size > MAX_DOCUMENT_BYTES) throw new PayloadTooLargeError('Files can be at most 10 MB.')
  if (file.size === 0) throw new ValidationError({ ...fields, file: 'is empty' })
  if (!parsed.success) throw new ValidationError(fields)
  const bytes = new Uint8Array(await file.arrayBuffer())
  const check = checkFileType(bytes.subarray(0, 16), file.name)
  if ('problem' in check) throw new UnsupportedMediaTypeError(check.problem)
  return { ...parsed.data, bytes, contentType: check.type }
}

import { oneLine } from '../../core/input'
import { ValidationError } from '../../lib/errors'
import { fieldErrors } from '../../lib/validator'
import { DOCUMENT_TITLE_MAX } from '../documents/schemas'
import { readUploadOf } from '../documents/upload'
import { TicketInput } from './schemas'
import type { Attachment } from './service'

// A new ticket's fields, and its attachment when a file was chosen (checked like any upload: a
// PDF or image within 10 MB, recognised by its bytes). Nothing is stored until all of it holds.
export async function readTicketForm(form: Record<string, unknown>): Promise<{ input: TicketInput; attachment?: Attachment }> {
  const file = form.file
  if (file instanceof File && file.size > 0) {
    const { bytes, contentType, title, ...input } = await readUploadOf(form, TicketInput.extend({ title: oneLine(DOCUMENT_TITLE_MAX) }), {})
    return { input, attachment: { bytes, contentType, title } }
  }
  const parsed = TicketInput.safeParse(form)
  if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error))
  return { input: parsed.data }
}

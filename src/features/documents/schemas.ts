import { z } from 'zod'
import { oneLine } from '../../core/input'
import { DOCUMENT_CATEGORIES } from '../../db/schema/enums'

// 10 MB, as docs/api.md says; the request may be a little larger (multipart framing, the title).
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
export const MAX_UPLOAD_REQUEST_BYTES = MAX_DOCUMENT_BYTES + 64 * 1024

export const CATEGORY_LABELS: Record<(typeof DOCUMENT_CATEGORIES)[number], string> = {
  lab_report: 'Lab report',
  imaging: 'Imaging',
  prescription: 'Prescription',
  referral: 'Referral',
  other: 'Other',
}

export const DOCUMENT_TITLE_MAX = 200

export const DocumentFields = z.object({
  title: oneLine(DOCUMENT_TITLE_MAX).pipe(z.string().min(1, 'is required')),
  category: z.enum(DOCUMENT_CATEGORIES, { message: `must be one of: ${DOCUMENT_CATEGORIES.join(', ')}` }),
})

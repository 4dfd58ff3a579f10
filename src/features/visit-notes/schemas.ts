import { z } from 'zod'

const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`).default('')

// SOAP plus the diagnosis and the summary written for the patient. Every part is optional while
// the note is a draft: a doctor saves what they have.
export const NoteContent = z.object({
  subjective: text(10_000),
  objective: text(10_000),
  assessment: text(10_000),
  plan: text(10_000),
  diagnosis: text(500),
  patient_summary: text(10_000),
})
export type NoteContent = z.infer<typeof NoteContent>

// The API's save: the note, and whether to finalise it now (only once the visit is completed).
export const SaveNoteInput = NoteContent.extend({ finalize: z.boolean().default(false) })

export const AmendmentInput = NoteContent.extend({
  reason: z.string().trim().min(1, 'is required').max(1000, 'must be at most 1000 characters'),
})

export const NOTE_FIELDS = ['subjective', 'objective', 'assessment', 'plan', 'diagnosis', 'patient_summary'] as const

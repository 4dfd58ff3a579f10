import { z } from 'zod'
import { TEXT_LIMITS } from '../../core/input'

// Length limits of a note's sections (the diagnosis is one line), for the schema and the editor.
export const NOTE_LIMITS = { section: 10_000, diagnosis: 500 } as const

const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`).default('')

// SOAP plus the diagnosis and the summary written for the patient. Every part is optional while
// the note is a draft: a doctor saves what they have.
export const NoteContent = z.object({
  subjective: text(NOTE_LIMITS.section),
  objective: text(NOTE_LIMITS.section),
  assessment: text(NOTE_LIMITS.section),
  plan: text(NOTE_LIMITS.section),
  diagnosis: text(NOTE_LIMITS.diagnosis),
  patient_summary: text(NOTE_LIMITS.section),
})
export type NoteContent = z.infer<typeof NoteContent>

// The API's save: the note, and whether to finalise it now (only once the visit is completed).
export const SaveNoteInput = NoteContent.extend({ finalize: z.boolean().default(false) })

export const AmendmentInput = NoteContent.extend({
  reason: z.string().trim().min(1, 'is required').max(TEXT_LIMITS.reason, `must be at most ${TEXT_LIMITS.reason} characters`),
})

export const NOTE_FIELDS = ['subjective', 'objective', 'assessment', 'plan', 'diagnosis', 'patient_summary'] as const

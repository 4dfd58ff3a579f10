import { z } from 'zod'
import { ONSETS } from './questionnaire'

const Label = z.string().trim().min(2, 'must be at least 2 characters').max(120, 'must be at most 120 characters')

// The answers, as the API takes them and the page's fields become. Symptoms and red flags are
// labels from the specialty's questionnaire (checked by the service against it).
export const IntakeAnswers = z.object({
  symptoms: z.array(Label).max(40).default([]),
  description: z.string().trim().max(2000, 'must be at most 2000 characters').optional(),
  onset: z.enum(Object.keys(ONSETS) as [keyof typeof ONSETS, ...(keyof typeof ONSETS)[]], 'must be one of today, days, week, weeks, months').optional(),
  severity: z.coerce.number('must be 0 to 10').int('must be 0 to 10').min(0, 'must be 0 to 10').max(10, 'must be 0 to 10').optional(),
  medicines: z.string().trim().max(1000, 'must be at most 1000 characters').optional(),
  red_flags: z.array(Label).max(20).default([]),
})
export type IntakeAnswers = z.infer<typeof IntakeAnswers>

// An admin's lists for one specialty: one label a line.
const Lines = (max: number) =>
  z
    .string()
    .max(6000)
    .transform((text) => [...new Set(text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean))])
    .pipe(z.array(Label).min(1, 'must list at least one').max(max, `must list at most ${max}`))

export const QuestionnaireForm = z.object({ symptoms: Lines(40), red_flags: Lines(20) })
export const QuestionnaireInput = z.object({ symptoms: z.array(Label).min(1, 'must list at least one').max(40), red_flags: z.array(Label).min(1, 'must list at least one').max(20) })
export type QuestionnaireInput = z.infer<typeof QuestionnaireInput>

/**
 * The booking form's intake fields onto the answers. Each ticked symptom or red flag is a field of
 * its own (a form post keeps one value a name) whose value is its label.
 */
export function intakeFromForm(values: Record<string, string>) {
  const ticked = (prefix: string) =>
    Object.keys(values)
      .map((key) => new RegExp(`^${prefix}_(\\d+)$`).exec(key))
      .filter((m): m is RegExpExecArray => m !== null)
      .sort((a, b) => Number(a[1]) - Number(b[1]))
      .map((m) => values[m[0]]!)
  const optional = (text: string | undefined) => (text?.trim() ? text : undefined)
  return {
    symptoms: ticked('symptom'),
    description: optional(values.description),
    onset: optional(values.onset),
    severity: optional(values.severity),
    medicines: optional(values.medicines),
    red_flags: ticked('red_flag'),
  }
}

// The booking questionnaire: symptoms to tick (per specialty, edited by admins), the problem in
// the patient's words, when it began, how bad it is, current medicines, and red-flag questions.
// A red flag shows emergency guidance at once and marks the visit urgent.

export const DEFAULT_SYMPTOMS = ['Fever', 'Cough', 'Sore throat', 'Headache', 'Tiredness', 'Pain', 'Rash or skin change', 'Nausea or vomiting', 'Diarrhoea', 'Dizziness', 'Low mood or anxiety', 'Trouble sleeping'] as const

export const DEFAULT_RED_FLAGS = [
  'Chest pain or pressure',
  'Difficulty breathing',
  'Signs of a stroke: face drooping, arm weakness, slurred speech',
  'Thoughts of harming yourself or ending your life',
  'Heavy bleeding that will not stop',
  'A sudden, severe headache unlike any before',
] as const

export const ONSETS = { today: 'Today', days: 'In the last few days', week: 'About a week ago', weeks: 'Some weeks ago', months: 'A month or more ago' } as const
export type Onset = keyof typeof ONSETS

export type Questionnaire = { symptoms: readonly string[]; redFlags: readonly string[] }

/** A specialty's questionnaire: its own lists where an admin set them, the defaults otherwise. */
export function questionnaireOf(specialty: { intakeSymptoms: string[] | null; intakeRedFlags: string[] | null } | undefined): Questionnaire {
  return { symptoms: specialty?.intakeSymptoms ?? DEFAULT_SYMPTOMS, redFlags: specialty?.intakeRedFlags ?? DEFAULT_RED_FLAGS }
}

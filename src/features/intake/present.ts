import type { IntakeAnswers } from './schemas'

// What a red flag shows at once: the emergency number and the crisis lines (a platform setting).
export type EmergencyGuidance = { emergency_number: string; crisis_lines: string }

// A visit's questionnaire answers as the API and the page show them.
export type ApiIntake = IntakeAnswers & { red_flag: boolean; answered_at: string }

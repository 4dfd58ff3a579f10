// Languages people pick from lists (a patient's preferred language, the languages a doctor speaks,
// the search filter): the codes are stored, their names are shown (Intl.DisplayNames), never the
// codes themselves.
export const LANGUAGE_CODES = ['en', 'es', 'fr', 'de', 'pt', 'it', 'nl', 'pl', 'tr', 'ar', 'hi', 'bn', 'ur', 'zh', 'ja', 'ko', 'ru', 'uk', 'sw', 'yo'] as const

let names: Intl.DisplayNames | undefined

/** "es" → "Spanish"; a code it does not know stays as it is. */
export function languageName(code: string): string {
  try {
    names ??= new Intl.DisplayNames(['en'], { type: 'language' })
    return names.of(code) ?? code
  } catch {
    return code
  }
}

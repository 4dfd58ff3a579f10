import type { Context } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../env'
import { RateLimitedError, type AppError, type FieldErrors } from '../lib/errors'
import { fieldErrors, formFields } from '../lib/validator'
import { refusalOf, type ViewStatus } from './page'
import type { FormState } from './shapes'

export type FormRefusal = { status: ViewStatus; code?: string }

// The schema of a form with nothing to fill in: a button alone (sign out a device, resend a link).
export const NoFields = z.object({})

/**
 * The one way a page handles a form post: read the fields, parse them with the schema (mapped
 * onto its shape first when the form speaks otherwise, e.g. money as text), call the service and
 * answer with its response (a redirect, usually). Refused, the form comes back with what was
 * typed and why: 422 for invalid input whether zod or the service found it, the service's own
 * status otherwise (409 taken, 429 with Retry-After…). Refusals the form should not show (a
 * record that vanished: 404) go on to the error handler.
 */
export async function handleForm<S extends z.ZodType>(
  c: Context<AppEnv>,
  form: {
    schema: S
    input?: (values: Record<string, string>) => unknown
    // The schema's field paths back to the form's field names, when the form speaks otherwise.
    fieldsOf?: (errors: FieldErrors, values: Record<string, string>) => FieldErrors
    submit: (input: z.output<S>, values: Record<string, string>) => Response | Promise<Response>
    render: (state: FormState, refusal: FormRefusal, values: Record<string, string>) => Response | Promise<Response>
    rethrow?: (err: AppError) => boolean
  },
): Promise<Response> {
  const values = await formFields(c)
  const parsed = form.schema.safeParse(form.input ? form.input(values) : values)
  const onForm = (errors: FieldErrors | undefined) => (errors && form.fieldsOf ? form.fieldsOf(errors, values) : errors)
  if (!parsed.success) return form.render({ values, errors: onForm(fieldErrors(parsed.error)) }, { status: 422 }, values)
  try {
    return await form.submit(parsed.data, values)
  } catch (err) {
    const { message, errors, status, code } = refusalOf(err, form.rethrow)
    if (err instanceof RateLimitedError) c.header('Retry-After', String(err.retryAfterSeconds))
    return form.render({ values, errors: onForm(errors), message: errors ? undefined : message }, { status, code }, values)
  }
}

/** A refused form's problem as one sentence, for a page that shows it as a notice: the message, or each field's problem. */
export const refusalSentence = (state: FormState) => state.message ?? Object.entries(state.errors ?? {}).map(([field, message]) => `The ${field.replace(/_/g, ' ')} ${message}.`).join(' ')

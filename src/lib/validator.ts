import { zValidator } from '@hono/zod-validator'
import type { Context, MiddlewareHandler } from 'hono'
import type { z } from 'zod'
import { BadRequestError, UnsupportedMediaTypeError, ValidationError, type FieldErrors } from './errors'

// Field messages from zod issues, keyed by dotted path ("weekly.0.start"); a body that is not
// an object at all is reported under "body".
export function fieldErrors(error: { issues: readonly z.core.$ZodIssue[] }): FieldErrors {
  const fields: FieldErrors = {}
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : 'body'
    if (fields[key]) continue
    fields[key] =
      issue.code === 'invalid_type' && /received undefined/.test(issue.message)
        ? 'is required'
        : issue.message
  }
  return fields
}

const JSON_TYPE = /^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i

// The API's JSON body validator: 415 for another content type, 400 bad_request for malformed
// JSON (Hono's validator throws that and onError maps it), 400 validation_failed with fields.
export function jsonBody<T extends z.ZodType>(schema: T) {
  const validate = zValidator('json', schema, (result) => {
    if (!result.success) throw new ValidationError(fieldErrors(result.error))
  })
  const handler: MiddlewareHandler = async (c, next) => {
    if (!JSON_TYPE.test(c.req.header('content-type') ?? '')) {
      throw new UnsupportedMediaTypeError('Send the request body as application/json.')
    }
    return validate(c, next)
  }
  return handler as typeof validate
}

export function queryParams<T extends z.ZodType>(schema: T) {
  return zValidator('query', schema, (result) => {
    if (!result.success) throw new ValidationError(fieldErrors(result.error))
  })
}

// Like jsonBody, for bodies whose every field is optional: a request with no body at all is
// read as {} instead of being refused as the wrong content type.
export function optionalJsonBody<T extends z.ZodType>(schema: T) {
  const withBody = jsonBody(schema)
  const handler: MiddlewareHandler = async (c, next) => {
    const empty = !c.req.header('content-type') && (c.req.header('content-length') ?? '0') === '0'
    if (!empty) return withBody(c, next)
    const parsed = schema.safeParse({})
    if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error))
    c.req.addValidatedData('json', parsed.data as object)
    return next()
  }
  return handler as typeof withBody
}

// A form body, parsed once (Hono keeps it): a multipart body with no boundary, a truncated one or
// one the parser refuses is the client's mistake, a 400, never a 500.
export async function readFormBody(c: Context): Promise<Record<string, unknown>> {
  const type = c.req.header('content-type') ?? ''
  if (/^multipart\/form-data/i.test(type) && !/;\s*boundary=[^\s;]+/i.test(type)) throw new BadRequestError('The form could not be read: its boundary is missing.')
  try {
    return await c.req.parseBody()
  } catch {
    throw new BadRequestError('The form could not be read.')
  }
}

// A form post's text fields (files and repeated keys aside), for core/form.ts's handleForm.
export async function formFields(c: Context): Promise<Record<string, string>> {
  return Object.fromEntries(Object.entries(await readFormBody(c)).filter((e): e is [string, string] => typeof e[1] === 'string'))
}

// Parsed input back as form values, to refill a form the service refused (phone: undefined → '').
export function asFormValues(input: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(input).map(([key, value]) => [key, String(value ?? '')]))
}

// The parts of a multipart/form-data body (415 for anything else, 400 for a broken one).
export async function multipartParts(c: Context) {
  if (!/^multipart\/form-data\b/i.test(c.req.header('content-type') ?? '')) throw new UnsupportedMediaTypeError('Send the file as multipart/form-data.')
  return readFormBody(c)
}

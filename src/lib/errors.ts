import { toIsoInstant } from './time'

// Typed errors thrown by services; one onError handler (src/app.tsx) maps them to the API's error
// shape or an error page, so no route formats its own errors. (The statuses here are the API's
// mapping of each kind of refusal; services throw these and never choose a status themselves.)
export type FieldErrors = Record<string, string>

export class AppError extends Error {
  // More for the client beside the message, e.g. the alternatives to a slot just taken.
  extra?: Record<string, unknown>

  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 426 | 429 | 503,
    readonly code: string,
    message: string,
    readonly fields?: FieldErrors,
  ) {
    super(message)
    this.name = new.target.name
  }
}

export class ValidationError extends AppError {
  constructor(fields: FieldErrors, message = 'Some fields need attention.') {
    super(400, 'validation_failed', message, fields)
  }
}

export class BadRequestError extends AppError {
  constructor(message = 'The request could not be understood.') {
    super(400, 'bad_request', message)
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'Please sign in to continue.', code = 'unauthorized') {
    super(401, code, message)
  }
}

// The session behind a live connection has ended (signed out, revoked, expired, deactivated).
export class SessionEndedError extends UnauthorizedError {
  constructor() {
    super('You have been signed out.', 'session_ended')
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'You do not have permission to do that.') {
    super(403, 'forbidden', message)
  }
}

export class NotFoundError extends AppError {
  constructor(message = 'We could not find that.') {
    super(404, 'not_found', message)
  }
}

export class ConflictError extends AppError {
  constructor(message: string, code = 'conflict') {
    super(409, code, message)
  }
}

export class PolicyError extends AppError {
  constructor(message: string) {
    super(409, 'policy_violation', message)
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(message = 'The request body is too large.', code = 'payload_too_large') {
    super(413, code, message)
  }
}

export class UnsupportedMediaTypeError extends AppError {
  constructor(message = 'This content type is not supported here.') {
    super(415, 'unsupported_media_type', message)
  }
}

export class RateLimitedError extends AppError {
  constructor(
    readonly retryAfterSeconds: number,
    message = 'Too many attempts. Please wait a moment and try again.',
  ) {
    super(429, 'rate_limited', message)
  }
}

export class DatabaseUnavailableError extends AppError {
  constructor() {
    super(503, 'unavailable', 'The service is temporarily unavailable. Please try again shortly.')
  }
}

// The slot someone else just took, with the nearest free ones to offer instead.
export class SlotUnavailableError extends AppError {
  constructor(readonly alternatives: { start: Date; end: Date }[]) {
    super(409, 'slot_unavailable', 'That time is no longer free. Please choose another one.')
    this.extra = { alternatives: alternatives.map((s) => ({ start: toIsoInstant(s.start), end: toIsoInstant(s.end) })) }
  }
}

// The same Idempotency-Key was sent with a different request.
export class IdempotencyKeyReusedError extends AppError {
  constructor() {
    super(422, 'idempotency_key_reused', 'This Idempotency-Key was already used for a different request.')
  }
}

// A prescription would go to a patient with a recorded allergy to one of its medicines (by name
// or drug class): it is issued only with the prescriber's reason for going on.
export class AllergyWarningError extends AppError {
  constructor(readonly descriptions: string[], warnings: unknown[]) {
    super(409, 'allergy_warning', `The patient has a recorded allergy that this prescription may meet: ${descriptions.join(' ')} Issue it only with a reason (allergy_override_reason).`)
    this.extra = { warnings }
  }
}

// Time off that would cover appointments already booked: the doctor decides what becomes of them
// (cancel them, each patient told, or keep them) before it is added.
export class TimeOffOverlapsError extends AppError {
  constructor(readonly appointments: { id: string; start: string; patient: string; status: string }[]) {
    super(409, 'time_off_overlaps', `This time off covers ${appointments.length} booked appointment${appointments.length === 1 ? '' : 's'}. Choose whether to cancel or keep them.`)
    this.extra = { appointments }
  }
}

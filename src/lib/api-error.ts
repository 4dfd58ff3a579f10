import type { AppError } from './errors'

// The API's one error shape (docs/api.md): { error: { code, message, fields? } }.
export function apiErrorBody(err: Pick<AppError, 'code' | 'message' | 'fields' | 'extra'>) {
  return {
    error: {
      code: err.code,
      message: err.message,
      ...(err.fields ? { fields: err.fields } : {}),
      ...err.extra,
    },
  }
}

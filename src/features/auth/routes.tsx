import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { ForgotPasswordPage, ResetPasswordPage, resetPasswordTitle, VerifyEmailPage } from '../../../views/auth/password-pages'
import { AccountPage } from '../../../views/auth/account-page'
import { LoginPage } from '../../../views/auth/login-page'
import { RegisterDoctorPage, RegisterPatientPage } from '../../../views/auth/register-page'
import type { FormState } from '../../../views/components/form'
import type { AppEnv } from '../../env'
import { RateLimitedError } from '../../lib/errors'
import { refusalOf, renderView, type ViewStatus } from '../../core/page'
import { LIMITS } from '../../durable-objects/rate-limiter/limits'
import { asFormValues, formBody } from '../../lib/validator'
import { rateLimitByIp } from '../../middleware/rate-limit'

import { clearSessionCookie, setSessionCookie } from './cookie'
import { findActiveSpecialties } from '../specialties/queries'
import { ForgotPasswordInput, LoginInput, RegisterDoctorInput, RegisterPatientInput, ResetPasswordInput } from './schemas'
import { requestPasswordReset, resendVerificationEmail, resetPassword, verifyEmail } from './service/account-links'
import { loginWithPassword } from './service/login'
import { logout } from './service/logout'
import { registerDoctor, registerPatient } from './service/register'

export const authRoutes = new Hono<AppEnv>()

// Only a path on this site, never "//evil.example" or "/\evil.example": no open redirect.
export function safeNext(next: string | undefined): string {
  return next && /^\/(?![/\\])/.test(next) ? next : '/'
}

// A refusal from a service (wrong password, rate limit, taken email) shown on the form, with
// what the user typed kept; anything unexpected goes on to the error handler.
function refusal(err: unknown): { state: FormState; status: ViewStatus; code: string } {
  const { message, errors, status, code } = refusalOf(err)
  return { state: { message, errors }, status, code }
}

function withRetryAfter(c: Context, err: unknown) {
  if (err instanceof RateLimitedError) c.header('Retry-After', String(err.retryAfterSeconds))
}

const LoginForm = LoginInput.extend({ next: z.string().max(500).optional() })

function renderLogin(c: Context<AppEnv>, props: Parameters<typeof LoginPage>[0], status: ViewStatus = 200) {
  return renderView(c, { title: 'Sign in', body: <LoginPage {...props} />, status, scripts: ['passkeys'] })
}

authRoutes.get('/login', (c) => {
  const next = c.req.query('next')
  if (c.var.ctx.actor) return c.redirect(safeNext(next), 303)
  return renderLogin(c, { next })
})

authRoutes.post(
  '/login',
  rateLimitByIp('login', LIMITS.loginIp),
  formBody(LoginForm, (c, values, errors) => renderLogin(c as Context<AppEnv>, { state: { values, errors }, next: values.next }, 422)),
  async (c) => {
    const form = c.req.valid('form')
    try {
      const result = await loginWithPassword(c.var.ctx, form)
      setSessionCookie(c, result.token, result.expiresAt)
      return c.redirect(safeNext(form.next), 303)
    } catch (err) {
      const { state, status, code } = refusal(err)
      withRetryAfter(c, err)
      const askTotp = code === 'mfa_required'
      return renderLogin(c, { state: { ...state, values: { email: form.email } }, next: form.next, askTotp }, status)
    }
  },
)

authRoutes.post('/logout', async (c) => {
  if (c.var.ctx.actor) await logout(c.var.ctx)
  clearSessionCookie(c)
  return c.redirect('/', 303)
})

function renderRegister(c: Context<AppEnv>, state?: FormState, status: ViewStatus = 200) {
  return renderView(c, { title: 'Create your account', body: <RegisterPatientPage state={state} />, status })
}

authRoutes.get('/register', (c) => renderRegister(c))

authRoutes.post(
  '/register',
  rateLimitByIp('register', LIMITS.registerIp),
  formBody(RegisterPatientInput, (c, values, errors) => renderRegister(c as Context<AppEnv>, { values, errors }, 422)),
  async (c) => {
    const input = c.req.valid('form')
    try {
      const result = await registerPatient(c.var.ctx, input)
      setSessionCookie(c, result.token, result.expiresAt)
      return c.redirect('/account?welcome=1', 303)
    } catch (err) {
      const { state, status } = refusal(err)
      withRetryAfter(c, err)
      return renderRegister(c, { ...state, values: { name: input.name, email: input.email, phone: input.phone ?? '' } }, status)
    }
  },
)

async function renderDoctorApplication(c: Context<AppEnv>, state?: FormState, status: ViewStatus = 200) {
  const specialties = await findActiveSpecialties(c.var.db)
  return renderView(c, { title: 'Apply as a doctor', body: <RegisterDoctorPage state={state} specialties={specialties} />, status })
}

authRoutes.get('/register/doctor', (c) => renderDoctorApplication(c))

authRoutes.post(
  '/register/doctor',
  rateLimitByIp('register', LIMITS.registerIp),
  formBody(RegisterDoctorInput, (c, values, errors) => renderDoctorApplication(c as Context<AppEnv>, { values, errors }, 422)),
  async (c) => {
    const input = c.req.valid('form')
    try {
      const result = await registerDoctor(c.var.ctx, input)
      setSessionCookie(c, result.token, result.expiresAt)
      return c.redirect('/account?welcome=doctor', 303)
    } catch (err) {
      const { state, status } = refusal(err)
      withRetryAfter(c, err)
      const { password: _password, ...values } = input
      return renderDoctorApplication(c, { ...state, values: asFormValues(values) }, status)
    }
  },
)

authRoutes.get('/forgot-password', (c) =>
  renderView(c, { title: 'Reset your password', body: <ForgotPasswordPage /> }),
)

authRoutes.post(
  '/forgot-password',
  rateLimitByIp('forgot', LIMITS.forgotIp),
  formBody(ForgotPasswordInput, (c, values, errors) =>
    renderView(c as Context<AppEnv>, { title: 'Reset your password', body: <ForgotPasswordPage state={{ values, errors }} />, status: 422 }),
  ),
  async (c) => {
    await requestPasswordReset(c.var.ctx, c.req.valid('form').email)
    return renderView(c, { title: 'Reset your password', body: <ForgotPasswordPage sent /> })
  },
)

// ?invited=1 marks the link an admin-created doctor is sent: the same token flow, other words.
function renderResetPassword(c: Context<AppEnv>, props: Parameters<typeof ResetPasswordPage>[0], status: ViewStatus = 200) {
  const invited = c.req.query('invited') === '1'
  return renderView(c, { title: props.done ? (invited ? 'Password set' : 'Password changed') : resetPasswordTitle(invited), body: <ResetPasswordPage {...props} invited={invited} />, status })
}

authRoutes.get('/reset-password', (c) => renderResetPassword(c, { token: c.req.query('token') }))

authRoutes.post(
  '/reset-password',
  formBody(ResetPasswordInput, (c, values, errors) => renderResetPassword(c as Context<AppEnv>, { state: { values, errors } }, 422)),
  async (c) => {
    const { token, password } = c.req.valid('form')
    try {
      await resetPassword(c.var.ctx, { token, password })
    } catch (err) {
      const { state, status } = refusal(err)
      return renderResetPassword(c, { state: { ...state, values: { token } } }, status)
    }
    clearSessionCookie(c)
    return renderResetPassword(c, { done: true })
  },
)

// Opening the link confirms the address; a mail scanner that opens it first does no harm.
authRoutes.get('/verify-email', async (c) => {
  const token = c.req.query('token') ?? ''
  let ok = token.length >= 16 && token.length <= 200
  if (ok) {
    try {
      await verifyEmail(c.var.ctx, token)
    } catch (err) {
      refusal(err)
      ok = false
    }
  }
  return renderView(c, { title: ok ? 'Email confirmed' : 'Link expired', body: <VerifyEmailPage ok={ok} />, status: ok ? 200 : 400 })
})

authRoutes.get('/account', (c) =>
  renderView(c, {
    title: 'Your account',
    body: <AccountPage user={c.var.ctx.actor!} welcome={c.req.query('welcome')} resent={c.req.query('resent') === '1'} />,
  }),
)

authRoutes.post('/account/verify-email/resend', async (c) => {
  try {
    await resendVerificationEmail(c.var.ctx)
  } catch (err) {
    const { state, status } = refusal(err)
    withRetryAfter(c, err)
    return renderView(c, { title: 'Your account', body: <AccountPage user={c.var.ctx.actor!} message={state.message} />, status })
  }
  return c.redirect('/account?resent=1', 303)
})

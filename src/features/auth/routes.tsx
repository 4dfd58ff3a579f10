import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { ForgotPasswordPage, ResetPasswordPage, resetPasswordTitle, VerifyEmailPage } from '../../../views/auth/password-pages'
import { AccountPage, type AccountForms } from '../../../views/auth/account-page'
import { LoginPage } from '../../../views/auth/login-page'
import { RegisterDoctorPage, RegisterPatientPage } from '../../../views/auth/register-page'
import type { FormState } from '../../../views/components/form'
import type { AppEnv } from '../../env'
import { handleForm, NoFields } from '../../core/form'
import { refusalOf, renderView, type ViewStatus } from '../../core/page'
import { LIMITS } from '../../durable-objects/rate-limiter/limits'
import { rateLimitByIp } from '../../middleware/rate-limit'
import { localPath } from '../../lib/local-path'
import { deviceTimeZone } from '../../lib/viewer-timezone'

import { clearSessionCookie, knownDeviceOf, setDeviceCookie, setSessionCookie } from './cookie'
import { findActiveSpecialties } from '../specialties/queries'
import { AccountDetailsInput, EmailChangeInput, ForgotPasswordInput, LoginInput, PasswordChangeInput, RegisterDoctorInput, RegisterPatientInput, ResetPasswordInput } from './schemas'
import { changePassword, ownAccount, requestEmailChange, updateAccount } from './service/account'
import { requestPasswordReset, resendVerificationEmail, resetPassword, verifyEmail } from './service/account-links'
import { loginWithPassword } from './service/login'
import { logout } from './service/logout'
import { registerDoctor, registerPatient } from './service/register'

export const authRoutes = new Hono<AppEnv>()


// A `next` path to carry through a form, or nothing when it is not one of ours.
const nextOf = (next: string | undefined) => localPath(next, '') || undefined

const LoginForm = LoginInput.extend({ next: z.string().max(500).optional() })

function renderLogin(c: Context<AppEnv>, props: Parameters<typeof LoginPage>[0], status: ViewStatus = 200) {
  return renderView(c, { title: 'Sign in', body: <LoginPage {...props} />, status, scripts: ['passkeys'] })
}

authRoutes.get('/login', (c) => {
  const next = c.req.query('next')
  if (c.var.ctx.actor) return c.redirect(localPath(next, '/home'), 303)
  return renderLogin(c, { next: nextOf(next) })
})

// A refused sign-in keeps only the email: the code asked for next is a new one.
authRoutes.post('/login', rateLimitByIp('login', LIMITS.loginIp), (c) =>
  handleForm(c, {
    schema: LoginForm,
    submit: async (form) => {
      const result = await loginWithPassword(c.var.ctx, { ...form, knownDevice: knownDeviceOf(c) })
      setSessionCookie(c, result.token, result.expiresAt)
      setDeviceCookie(c, result.deviceToken)
      return c.redirect(localPath(form.next, '/home'), 303)
    },
    render: (state, refusal, values) =>
      renderLogin(c, { state: { ...state, values: { email: values.email ?? '' } }, next: nextOf(values.next), askTotp: refusal.code === 'mfa_required' }, refusal.status),
  }),
)

authRoutes.post('/logout', async (c) => {
  if (c.var.ctx.actor) await logout(c.var.ctx)
  clearSessionCookie(c)
  return c.redirect('/', 303)
})

function renderRegister(c: Context<AppEnv>, state?: FormState, status: ViewStatus = 200, next?: string) {
  return renderView(c, { title: 'Create your account', body: <RegisterPatientPage state={state} next={next} />, status })
}

async function renderDoctorApplication(c: Context<AppEnv>, state?: FormState, status: ViewStatus = 200) {
  const specialties = await findActiveSpecialties(c.var.db)
  return renderView(c, { title: 'Apply as a doctor', body: <RegisterDoctorPage state={state} specialties={specialties} />, status })
}

// The two sign-up forms: a new account is signed in at once and welcomed on its account page; a
// new patient who was booking (`next`, kept through the form) goes straight back to the booking.
function registration<S extends z.ZodType>(
  path: string,
  form: { schema: S; register: (c: Context<AppEnv>, input: z.output<S>) => Promise<{ token: string; expiresAt: Date }>; welcome: string; render: typeof renderRegister; keepsNext?: true },
) {
  const nextFrom = (next: string | undefined) => (form.keepsNext ? nextOf(next) : undefined)
  authRoutes.get(path, (c) => form.render(c, undefined, 200, nextFrom(c.req.query('next'))))
  authRoutes.post(path, rateLimitByIp('register', LIMITS.registerIp), (c) =>
    handleForm(c, {
      schema: form.schema,
      submit: async (input, values) => {
        const result = await form.register(c, input)
        setSessionCookie(c, result.token, result.expiresAt)
        return c.redirect(nextFrom(values.next) ?? `/account?welcome=${form.welcome}`, 303)
      },
      render: (state, refusal, values) => form.render(c, state, refusal.status, nextFrom(values.next)),
    }),
  )
}

// A new patient's zone is their device's, when the page could learn it.
registration('/register', { schema: RegisterPatientInput, register: (c, input) => registerPatient(c.var.ctx, { ...input, timezone: deviceTimeZone(c) }), welcome: '1', render: renderRegister, keepsNext: true })
registration('/register/doctor', { schema: RegisterDoctorInput, register: (c, input) => registerDoctor(c.var.ctx, input), welcome: 'doctor', render: renderDoctorApplication })

authRoutes.get('/forgot-password', (c) =>
  renderView(c, { title: 'Reset your password', body: <ForgotPasswordPage /> }),
)

authRoutes.post('/forgot-password', rateLimitByIp('forgot', LIMITS.forgotIp), (c) =>
  handleForm(c, {
    schema: ForgotPasswordInput,
    submit: async ({ email }) => {
      await requestPasswordReset(c.var.ctx, email)
      return renderView(c, { title: 'Reset your password', body: <ForgotPasswordPage sent /> })
    },
    render: (state, refusal) => renderView(c, { title: 'Reset your password', body: <ForgotPasswordPage state={state} />, status: refusal.status }),
  }),
)

// ?invited=1 marks the link an admin-created doctor is sent: the same token flow, other words.
function renderResetPassword(c: Context<AppEnv>, props: Parameters<typeof ResetPasswordPage>[0], status: ViewStatus = 200) {
  const invited = c.req.query('invited') === '1'
  return renderView(c, { title: props.done ? (invited ? 'Password set' : 'Password changed') : resetPasswordTitle(invited), body: <ResetPasswordPage {...props} invited={invited} />, status })
}

authRoutes.get('/reset-password', (c) => renderResetPassword(c, { token: c.req.query('token') }))

authRoutes.post('/reset-password', (c) =>
  handleForm(c, {
    schema: ResetPasswordInput,
    submit: async (input) => {
      await resetPassword(c.var.ctx, input)
      clearSessionCookie(c)
      return renderResetPassword(c, { done: true })
    },
    render: (state, refusal) => renderResetPassword(c, { state }, refusal.status),
  }),
)

// Opening the link confirms the address; a mail scanner that opens it first does no harm.
authRoutes.get('/verify-email', async (c) => {
  const token = c.req.query('token') ?? ''
  let outcome: 'confirmed' | 'changed' | undefined
  if (token.length >= 16 && token.length <= 200) {
    try {
      outcome = await verifyEmail(c.var.ctx, token)
    } catch (err) {
      refusalOf(err)
    }
  }
  return renderView(c, { title: outcome ? 'Email confirmed' : 'Link expired', body: <VerifyEmailPage ok={outcome !== undefined} changed={outcome === 'changed'} />, status: outcome ? 200 : 400 })
})

const ACCOUNT_NOTICES: Record<string, string> = {
  details: 'Your details are saved.',
  email: 'We sent a link to your new address. Your address changes when you open it; until then the old one stays in use.',
  password: 'Your password is changed, and every other device is signed out.',
}

async function renderAccount(c: Context<AppEnv>, extra: { message?: string; forms?: AccountForms; status?: ViewStatus } = {}) {
  const { phone } = await ownAccount(c.var.ctx)
  return renderView(c, {
    title: 'Your account',
    status: extra.status,
    body: <AccountPage user={c.var.ctx.actor!} phone={phone} welcome={c.req.query('welcome')} resent={c.req.query('resent') === '1'} notice={ACCOUNT_NOTICES[c.req.query('saved') ?? '']} message={extra.message} forms={extra.forms} />,
  })
}

authRoutes.get('/account', (c) => renderAccount(c))

// The account's three forms: each saves, or comes back with what was typed and why.
const accountForms = {
  details: { schema: AccountDetailsInput, save: updateAccount },
  email: { schema: EmailChangeInput, save: requestEmailChange },
  password: { schema: PasswordChangeInput, save: changePassword },
} as const
for (const [name, form] of Object.entries(accountForms) as [keyof AccountForms, (typeof accountForms)[keyof typeof accountForms]][]) {
  authRoutes.post(`/account/${name}`, (c) =>
    handleForm(c, {
      schema: form.schema,
      submit: async (input) => {
        await form.save(c.var.ctx, input as never)
        return c.redirect(`/account?saved=${name}`, 303)
      },
      render: (state, refusal) => renderAccount(c, { forms: { [name]: state }, status: refusal.status }),
    }),
  )
}

// A form with nothing to fill in: the button alone.
authRoutes.post('/account/verify-email/resend', (c) =>
  handleForm(c, {
    schema: NoFields,
    submit: async () => {
      await resendVerificationEmail(c.var.ctx)
      return c.redirect('/account?resent=1', 303)
    },
    render: (state, refusal) => renderAccount(c, { message: state.message, status: refusal.status }),
  }),
)

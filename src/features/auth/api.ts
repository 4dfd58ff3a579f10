import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server'
import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { LIMITS } from '../../durable-objects/rate-limiter/limits'
import { jsonBody } from '../../lib/validator'
import { rateLimitByIp } from '../../middleware/rate-limit'

import { clearSessionCookie, knownDeviceOf, setDeviceCookie, setSessionCookie } from './cookie'
import { toApiPasskey, toApiSession, toApiUser } from './present'
import { AccountDetailsInput, CodeInput, EmailChangeInput, ForgotPasswordInput, LoginInput, PasskeyLoginOptionsInput, PasskeyLoginVerifyInput, PasskeyRegisterVerifyInput, PasswordChangeInput, RegisterDoctorInput, RegisterPatientInput, RenamePasskeyInput, ResetPasswordInput, TokenInput } from './schemas'
import {
  listPasskeys,
  loginWithPasskey,
  passkeyLoginOptions,
  passkeyRegistrationOptions,
  registerPasskey,
  removePasskey,
  renamePasskey,
} from './service/passkeys'
import { listSessions, revokeOneSession, revokeOtherSessions } from './service/sessions'
import { disableTotp, enableTotp, setupTotp } from './service/totp'
import { loginWithPassword } from './service/login'
import { logout } from './service/logout'
import { registerDoctor, registerPatient } from './service/register'
import { requestPasswordReset, resendVerificationEmail, resetPassword, verifyEmail } from './service/account-links'
import { changePassword, requestEmailChange, updateAccount } from './service/account'

export const authApi = new Hono<AppEnv>()

authApi.post('/auth/register/patient', rateLimitByIp('register', LIMITS.registerIp), jsonBody(RegisterPatientInput), async (c) => {
  const result = await registerPatient(c.var.ctx, c.req.valid('json'))
  setSessionCookie(c, result.token, result.expiresAt)
  return c.json({ user: toApiUser(result.user), token: result.token }, 201)
})

authApi.post('/auth/register/doctor', rateLimitByIp('register', LIMITS.registerIp), jsonBody(RegisterDoctorInput), async (c) => {
  const result = await registerDoctor(c.var.ctx, c.req.valid('json'))
  setSessionCookie(c, result.token, result.expiresAt)
  const doctor = {
    id: result.doctor.id,
    status: result.doctor.status,
    license_number: result.doctor.licenseNumber,
    specialty_id: result.doctor.specialtyId,
  }
  return c.json({ user: toApiUser(result.user), doctor, token: result.token }, 201)
})

authApi.post('/auth/login', rateLimitByIp('login', LIMITS.loginIp), jsonBody(LoginInput), async (c) => {
  const result = await loginWithPassword(c.var.ctx, { ...c.req.valid('json'), knownDevice: knownDeviceOf(c) })
  setSessionCookie(c, result.token, result.expiresAt)
  setDeviceCookie(c, result.deviceToken)
  return c.json({ user: toApiUser(result.user), token: result.token })
})

authApi.post('/auth/logout', async (c) => {
  await logout(c.var.ctx)
  clearSessionCookie(c)
  return c.body(null, 204)
})

authApi.get('/auth/me', (c) => c.json({ user: toApiUser(c.var.ctx.actor!) }))

// The caller's own account: name and phone; a new address (with the current password, proved by
// a link sent to it); a new password (with the current one). docs/api.md, "Your account".
authApi.patch('/auth/me', jsonBody(AccountDetailsInput), async (c) => {
  const input = c.req.valid('json')
  await updateAccount(c.var.ctx, input)
  return c.json({ user: toApiUser({ ...c.var.ctx.actor!, name: input.name }) })
})
authApi.post('/auth/email/change', jsonBody(EmailChangeInput), async (c) => {
  await requestEmailChange(c.var.ctx, c.req.valid('json'))
  return c.body(null, 202)
})
authApi.post('/auth/password/change', jsonBody(PasswordChangeInput), async (c) => {
  await changePassword(c.var.ctx, c.req.valid('json'))
  return c.body(null, 204)
})

authApi.post('/auth/email/verify', jsonBody(TokenInput), async (c) => {
  await verifyEmail(c.var.ctx, c.req.valid('json').token)
  return c.body(null, 204)
})

authApi.post('/auth/email/resend', async (c) => {
  await resendVerificationEmail(c.var.ctx)
  return c.body(null, 202)
})

authApi.post('/auth/password/forgot', rateLimitByIp('forgot', LIMITS.forgotIp), jsonBody(ForgotPasswordInput), async (c) => {
  await requestPasswordReset(c.var.ctx, c.req.valid('json').email)
  return c.body(null, 202)
})

authApi.post('/auth/password/reset', jsonBody(ResetPasswordInput), async (c) => {
  const { token, password } = c.req.valid('json')
  await resetPassword(c.var.ctx, { token, password })
  clearSessionCookie(c)
  return c.body(null, 204)
})

// Passkeys (WebAuthn; options and responses are SimpleWebAuthn's JSON types).
authApi.post('/auth/passkeys/register/options', async (c) => c.json(await passkeyRegistrationOptions(c.var.ctx)))

authApi.post('/auth/passkeys/register/verify', jsonBody(PasskeyRegisterVerifyInput), async (c) => {
  const { response, name } = c.req.valid('json')
  const passkey = await registerPasskey(c.var.ctx, { response: response as unknown as RegistrationResponseJSON, name })
  return c.json({ passkey: toApiPasskey(passkey) }, 201)
})

authApi.get('/auth/passkeys', async (c) => c.json({ items: (await listPasskeys(c.var.ctx)).map(toApiPasskey) }))

authApi.patch('/auth/passkeys/:id', jsonBody(RenamePasskeyInput), async (c) => {
  await renamePasskey(c.var.ctx, { passkeyId: c.req.param('id'), name: c.req.valid('json').name })
  return c.body(null, 204)
})

authApi.delete('/auth/passkeys/:id', async (c) => {
  await removePasskey(c.var.ctx, c.req.param('id'))
  return c.body(null, 204)
})

authApi.post('/auth/passkeys/login/options', rateLimitByIp('passkey', LIMITS.passkeyIp), jsonBody(PasskeyLoginOptionsInput), async (c) =>
  // An email may be sent (docs/api.md) and is checked, but the options never depend on it.
  c.json(await passkeyLoginOptions(c.var.ctx)),
)

authApi.post('/auth/passkeys/login/verify', rateLimitByIp('passkey', LIMITS.passkeyIp), jsonBody(PasskeyLoginVerifyInput), async (c) => {
  const result = await loginWithPasskey(c.var.ctx, c.req.valid('json').response as unknown as AuthenticationResponseJSON)
  setSessionCookie(c, result.token, result.expiresAt)
  return c.json({ user: toApiUser(result.user), token: result.token })
})

// TOTP second factor.
authApi.post('/auth/mfa/totp/setup', async (c) => c.json(await setupTotp(c.var.ctx)))

authApi.post('/auth/mfa/totp/enable', jsonBody(CodeInput), async (c) => {
  await enableTotp(c.var.ctx, c.req.valid('json').code)
  return c.body(null, 204)
})

authApi.post('/auth/mfa/totp/disable', jsonBody(CodeInput), async (c) => {
  await disableTotp(c.var.ctx, c.req.valid('json').code)
  return c.body(null, 204)
})

// Sessions: the caller's own devices.
authApi.get('/auth/sessions', async (c) => c.json({ items: (await listSessions(c.var.ctx)).map(toApiSession) }))

authApi.delete('/auth/sessions/:id', async (c) => {
  await revokeOneSession(c.var.ctx, c.req.param('id'))
  return c.body(null, 204)
})

authApi.post('/auth/sessions/revoke-others', async (c) => {
  await revokeOtherSessions(c.var.ctx)
  return c.body(null, 204)
})

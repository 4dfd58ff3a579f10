import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server'
import { isUniqueViolation } from '../../../db/errors'
import { actorAuditStatement, auditStatement } from '../../../core/audit'
import { BadRequestError, ConflictError, NotFoundError, UnauthorizedError } from '../../../lib/errors'
import { describeError, log } from '../../../lib/log'
import { fromBase64Url, toBase64Url } from '../../../lib/encoding'
import { describeDevice } from '../../../lib/user-agent'
import { requestOrigin, requireActor, type RequestContext } from '../../../core/context'
import { signedInAudit } from '../login-audit'
import { sendPasskeyAddedEmail } from '../notify'
import { deleteUserPasskey, findPasskeyForLogin, findUserPasskeys, insertChallenge, insertPasskey, recordPasskeyUse, renameUserPasskey, spendChallenge } from '../passkey-queries'
import { startSession } from '../sessions'

function relyingParty(ctx: RequestContext) {
  return { rpID: ctx.env.WEBAUTHN_RP_ID, rpName: ctx.env.WEBAUTHN_RP_NAME ?? 'MediConnect', origin: new URL(ctx.env.APP_ORIGIN).origin }
}

// The challenge the browser signed, read from clientDataJSON, so it can be spent before verifying.
function signedChallenge(response: { response?: { clientDataJSON?: unknown } }): string {
  try {
    const json = new TextDecoder().decode(fromBase64Url(String(response.response?.clientDataJSON ?? '')))
    const challenge = (JSON.parse(json) as { challenge?: unknown }).challenge
    if (typeof challenge === 'string' && challenge.length > 0 && challenge.length < 200) return challenge
  } catch {
    // fall through
  }
  throw new BadRequestError('The passkey response is malformed.')
}

/** WebAuthn options for adding a passkey to the signed-in account; the challenge is stored to be spent once. */
export async function passkeyRegistrationOptions(ctx: RequestContext) {
  const user = requireActor(ctx)
  const rp = relyingParty(ctx)
  const existing = await findUserPasskeys(ctx.db, user.id)
  const options = await generateRegistrationOptions({
    rpName: rp.rpName,
    rpID: rp.rpID,
    userName: user.email,
    userDisplayName: user.name,
    userID: new TextEncoder().encode(user.id),
    attestationType: 'none',
    // Discoverable credentials: sign-in later needs no email, one tap.
    authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: p.transports?.split(',') })),
  })
  await insertChallenge(ctx.db, options.challenge, 'register', user.id, ctx.now)
  return options
}

/** Verifies a new passkey against a challenge issued to this user and stores it (audited, emailed). */
export async function registerPasskey(ctx: RequestContext, input: { response: RegistrationResponseJSON; name?: string }) {
  const { response, name } = input
  const user = requireActor(ctx)
  const rp = relyingParty(ctx)
  const now = ctx.now
  const challenge = signedChallenge(response)
  if (!(await spendChallenge(ctx.db, challenge, 'register', user.id, now))) {
    throw new BadRequestError('This passkey request has expired. Please try again.')
  }
  const verification = await verifyRegistrationResponse({
    response,
    expectedChallenge: challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.rpID,
    requireUserVerification: false,
  }).catch((err) => {
    log('warn', 'passkey registration refused', describeError(err))
    throw new BadRequestError('The passkey could not be verified.')
  })
  if (!verification.verified || !verification.registrationInfo) throw new BadRequestError('The passkey could not be verified.')
  const info = verification.registrationInfo
  const passkey = {
    userId: user.id,
    credentialId: info.credential.id,
    publicKey: toBase64Url(info.credential.publicKey),
    counter: info.credential.counter,
    transports: info.credential.transports?.join(',') ?? null,
    deviceType: info.credentialDeviceType,
    backedUp: info.credentialBackedUp,
    name: name?.trim() || defaultPasskeyName(ctx.userAgent),
    createdAt: now,
  }
  try {
    const [[row]] = await ctx.db.batch([
      insertPasskey(ctx.db, passkey),
      actorAuditStatement(ctx, { action: 'auth.passkey.added', entityType: 'passkey', entityId: passkey.credentialId }),
    ])
    await sendPasskeyAddedEmail(ctx, user, passkey.name, now)
    return row!
  } catch (err) {
    if (isUniqueViolation(err, 'passkeys')) throw new ConflictError('This passkey is already registered.')
    throw err
  }
}

function defaultPasskeyName(userAgent: string | null): string {
  return `Passkey on ${describeDevice(userAgent)}`
}

/**
 * WebAuthn options for signing in: always a discoverable-credential sign-in (every passkey we
 * register is one), so the browser offers the passkeys it holds for us and the answer is the
 * same for every email; listing an account's credentials would tell anyone who has a passkey.
 */
export async function passkeyLoginOptions(ctx: RequestContext) {
  const options = await generateAuthenticationOptions({ rpID: relyingParty(ctx).rpID, userVerification: 'preferred' })
  await insertChallenge(ctx.db, options.challenge, 'login', null, ctx.now)
  return options
}

function passkeyRefused() {
  return new UnauthorizedError('That passkey could not sign you in.', 'invalid_credentials')
}

/** Signs in with a passkey: the challenge is spent first, a cloned authenticator is refused and audited. */
export async function loginWithPasskey(ctx: RequestContext, response: AuthenticationResponseJSON) {
  const rp = relyingParty(ctx)
  const now = ctx.now
  const challenge = signedChallenge(response)
  if (typeof response.id !== 'string' || response.id.length > 1024) throw new BadRequestError('The passkey response is malformed.')
  const found = await findPasskeyForLogin(ctx.db, response.id)
  if (!(await spendChallenge(ctx.db, challenge, 'login', null, now)) || !found) throw passkeyRefused()
  const { passkey, user } = found
  let verification
  try {
    verification = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      requireUserVerification: false,
      credential: {
        id: passkey.credentialId,
        publicKey: fromBase64Url(passkey.publicKey) as Uint8Array<ArrayBuffer>,
        counter: passkey.counter,
        transports: passkey.transports?.split(',') as never,
      },
    })
  } catch (err) {
    // A counter that goes backwards means the authenticator may have been cloned.
    const regression = /counter/i.test((err as Error).message)
    await auditStatement(ctx.db, {
      action: regression ? 'auth.passkey.counter_regression' : 'auth.passkey.login_failed',
      actorUserId: user.id,
      entityType: 'passkey',
      entityId: passkey.id,
      ...requestOrigin(ctx),
    })
    log(regression ? 'error' : 'warn', regression ? 'passkey counter regression' : 'passkey login refused', { passkey_id: passkey.id, ...describeError(err) })
    throw passkeyRefused()
  }
  if (!verification.verified) throw passkeyRefused()
  if (user.status !== 'active') throw passkeyRefused()
  const session = await startSession(ctx, user)
  await ctx.db.batch([
    recordPasskeyUse(ctx.db, passkey.id, { counter: verification.authenticationInfo.newCounter, backedUp: verification.authenticationInfo.credentialBackedUp, now }),
    signedInAudit(ctx, user, session.sessionId, 'passkey'),
  ])
  return { user, ...session }
}

/** The signed-in user's passkeys. */
export function listPasskeys(ctx: RequestContext) {
  return findUserPasskeys(ctx.db, requireActor(ctx).id)
}

/** Removes one of the caller's passkeys (audited); someone else's passkey id is simply not found. */
export async function removePasskey(ctx: RequestContext, passkeyId: string) {
  const user = requireActor(ctx)
  const [row] = await deleteUserPasskey(ctx.db, user.id, passkeyId)
  if (!row) throw new NotFoundError('No such passkey.')
  await actorAuditStatement(ctx, { action: 'auth.passkey.removed', entityType: 'passkey', entityId: passkeyId })
}

/** Renames one of the caller's passkeys; someone else's is not found. */
export async function renamePasskey(ctx: RequestContext, input: { passkeyId: string; name: string }) {
  const [row] = await renameUserPasskey(ctx.db, requireActor(ctx).id, input.passkeyId, input.name)
  if (!row) throw new NotFoundError('No such passkey.')
}

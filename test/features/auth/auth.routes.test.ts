import { describe, expect, it } from 'vitest'
import { fetchApp, ORIGIN } from '../../helpers/http'
import { unique } from '../../helpers/factories'
import { asBrowser, latestEmailTo, linkToken, PASSWORD, registerPatientViaApi, sessionCookie } from '../../helpers/auth'

const form = (body: Record<string, string>, init: RequestInit = {}): RequestInit => ({
  method: 'POST',
  redirect: 'manual',
  ...init,
  headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded', ...init.headers },
  body: new URLSearchParams(body).toString(),
})

describe('sign-in page', () => {
  it('renders a password form that works without JavaScript, and a hidden passkey button', async () => {
    const res = await fetchApp('/login?next=/account')
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('<form id="login-form" method="post" action="/login"')
    expect(html).toContain('<label for="field-email">Email</label>')
    expect(html).toContain('autocomplete="current-password"')
    expect(html).toMatch(/<div id="passkey-login"[^>]*hidden/)
    expect(html).toMatch(/\/_v\/passkeys\.[0-9a-f]{12}\.js/)
    expect(html).toContain('name="next" value="/account"')
  })

  it('signs in, sets the session cookie and goes back where the person was heading', async () => {
    const account = await registerPatientViaApi()
    const res = await fetchApp('/login', form({ email: account.email, password: PASSWORD, next: '/account' }))
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/account')
    const page = await fetchApp('/account', asBrowser(sessionCookie(res)))
    expect(page.status).toBe(200)
    expect(await page.text()).toContain(account.email)
  })

  it('never redirects to another site after sign-in', async () => {
    const account = await registerPatientViaApi()
    const res = await fetchApp('/login', form({ email: account.email, password: PASSWORD, next: '//evil.example/x' }))
    expect(res.headers.get('location')).toBe('/home')
  })

  // Browsers drop tabs and newlines from URLs and read a backslash as a slash, so each of these
  // would leave the site; a newline in a Location header must not become a 500 either.
  const OFF_SITE = ['/\t/evil.example', '/\t\\evil.example', '/\\evil.example', '\\\\evil.example', '/\n/evil.example', 'https://evil.example/', '/\r\nSet-Cookie: x=1', 'javascript:alert(1)']
  it.each(OFF_SITE)('ignores next=%j: signed in, the person stays on this site', async (next) => {
    const account = await registerPatientViaApi()
    const res = await fetchApp('/login', form({ email: account.email, password: PASSWORD, next }))
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/home')
    const already = await fetchApp(`/login?next=${encodeURIComponent(next)}`, { ...asBrowser(sessionCookie(res)), redirect: 'manual' })
    expect(already.status).toBe(303)
    expect(already.headers.get('location')).toBe('/home')
  })

  it('keeps a path on this site, with its query, as the place to go back to', async () => {
    const account = await registerPatientViaApi()
    const res = await fetchApp('/login', form({ email: account.email, password: PASSWORD, next: '/doctors?specialty=cardiology#results' }))
    expect(res.headers.get('location')).toBe('/doctors?specialty=cardiology#results')
    // The passkey button goes where the form goes, and only there.
    const page = await (await fetchApp(`/login?next=${encodeURIComponent('/\t/evil.example')}`)).text()
    expect(page).toContain('data-next="/home"')
    expect(page).not.toContain('name="next"')
  })

  it('shows a refused sign-in on the form with the email kept and the password not', async () => {
    const account = await registerPatientViaApi()
    const res = await fetchApp('/login', form({ email: account.email, password: 'wrong password' }))
    expect(res.status).toBe(401)
    const html = await res.text()
    expect(html).toContain('role="alert"')
    expect(html).toContain(`value="${account.email}"`)
    expect(html).not.toContain('wrong password')
  })

  it('answers an empty form with 422 and a message for the password', async () => {
    const res = await fetchApp('/login', form({ email: '', password: '' }))
    expect(res.status).toBe(422)
    expect(await res.text()).toContain('id="field-password-error"')
  })
})

describe('registration page', () => {
  it('re-renders with the person’s input and a message per field when something is wrong', async () => {
    const res = await fetchApp('/register', form({ name: 'Sam <b>Lee</b>', email: 'sam@', password: 'short', phone: '' }))
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('value="Sam &lt;b&gt;Lee&lt;/b&gt;"')
    expect(html).toContain('id="field-email-error"')
    expect(html).toContain('aria-invalid="true"')
    expect(html).not.toContain('<b>Lee</b>')
  })

  it('creates the account and signs in', async () => {
    const email = `${unique('page')}@example.test`
    const res = await fetchApp('/register', form({ name: 'Sam Lee', email, password: PASSWORD, phone: '' }))
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/account?welcome=1')
    const page = await fetchApp('/account?welcome=1', asBrowser(sessionCookie(res)))
    expect(await page.text()).toContain('Welcome to MediConnect, Sam Lee')
  })

  // A visitor who chose a time is sent to sign in; creating an account instead keeps the time.
  it('carries the booking being made through sign-up, and brings the new patient back to it', async () => {
    const booking = '/doctors/doc_x/book?start=2030-01-07T09:00:00Z'
    const login = await (await fetchApp(`/login?next=${encodeURIComponent(booking)}`)).text()
    expect(login).toContain(`href="/register?next=${encodeURIComponent(booking).replace(/&/g, '&amp;')}"`)
    expect(login).toContain('We keep the time you chose')
    const signUp = await (await fetchApp(`/register?next=${encodeURIComponent(booking)}`)).text()
    expect(signUp).toContain(`name="next" value="${booking}"`)
    // Refused, the form still carries it.
    const refused = await fetchApp('/register', form({ name: 'Sam Lee', email: 'sam@', password: PASSWORD, next: booking }))
    expect(refused.status).toBe(422)
    expect(await refused.text()).toContain(`name="next" value="${booking}"`)
    const res = await fetchApp('/register', form({ name: 'Sam Lee', email: `${unique('next')}@example.test`, password: PASSWORD, next: booking }))
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(booking)
    // Never off the site, and never for a doctor's application.
    const offSite = await fetchApp('/register', form({ name: 'Sam Lee', email: `${unique('next')}@example.test`, password: PASSWORD, next: '//evil.example' }))
    expect(offSite.headers.get('location')).toBe('/account?welcome=1')
    expect(await (await fetchApp(`/register/doctor?next=${encodeURIComponent(booking)}`)).text()).not.toContain('name="next"')
  })

  it('tells a person the email is taken without losing what they typed', async () => {
    const account = await registerPatientViaApi()
    const res = await fetchApp('/register', form({ name: 'Other Person', email: account.email, password: PASSWORD }))
    expect(res.status).toBe(409)
    const html = await res.text()
    expect(html).toContain('already exists')
    expect(html).toContain('value="Other Person"')
  })
})

describe('signing out and account pages', () => {
  it('sends an anonymous visitor to sign in, then ends the session on sign-out', async () => {
    const anonymous = await fetchApp('/account', { redirect: 'manual' })
    expect(anonymous.status).toBe(303)
    expect(anonymous.headers.get('location')).toBe('/login?next=%2Faccount')

    const account = await registerPatientViaApi()
    const out = await fetchApp('/logout', asBrowser(account.cookie, { method: 'POST' }))
    expect(out.status).toBe(303)
    expect(out.headers.getSetCookie().join(';')).toMatch(/__Host-mc_session=;/)
    const after = await fetchApp('/account', asBrowser(account.cookie))
    expect(after.status).toBe(303)
  })

  it('shows the security page with this device’s session', async () => {
    const account = await registerPatientViaApi()
    const res = await fetchApp('/account/security', asBrowser(account.cookie))
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('Passkeys')
    expect(html).toContain('(this device)')
    expect(html).toContain('action="/account/security/totp/setup"')
  })
})

describe('email links', () => {
  it('confirms an address from the link, once', async () => {
    const account = await registerPatientViaApi()
    const token = linkToken((await latestEmailTo(account.email))!.textBody)
    const first = await fetchApp(`/verify-email?token=${token}`)
    expect(first.status).toBe(200)
    expect(await first.text()).toContain('Email confirmed')
    const second = await fetchApp(`/verify-email?token=${token}`)
    expect(second.status).toBe(400)
  })

  it('resets a password through the forgot and reset pages', async () => {
    const account = await registerPatientViaApi()
    const forgot = await fetchApp('/forgot-password', form({ email: account.email }))
    expect(forgot.status).toBe(200)
    expect(await forgot.text()).toContain('If an account uses that address')
    const token = linkToken((await latestEmailTo(account.email))!.textBody)
    const page = await fetchApp(`/reset-password?token=${token}`)
    expect(await page.text()).toContain(`name="token" value="${token}"`)
    const reset = await fetchApp('/reset-password', form({ token, password: 'an entirely new one' }))
    expect(reset.status).toBe(200)
    expect(await reset.text()).toContain('Your password has been changed')
    const login = await fetchApp('/login', form({ email: account.email, password: 'an entirely new one' }))
    expect(login.status).toBe(303)
  })
})

describe('a form sent after the session ended', () => {
  const send = (referer: string) =>
    fetchApp('/doctors/doc_x/book', {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: ORIGIN, referer, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ start: '2030-01-07T09:00:00Z', type: 'video', reason: 'Headache' }).toString(),
    })

  it('offers to sign in and come back to the page it was on, keeping what that page’s address carried', async () => {
    const res = await send(`${ORIGIN}/doctors/doc_x/book?start=2030-01-07T09:00:00Z`)
    expect(res.status).toBe(401)
    const html = await res.text()
    expect(html).toContain(`href="/login?next=${encodeURIComponent('/doctors/doc_x/book?start=2030-01-07T09:00:00Z')}"`)
    expect(html).toContain('Sign in and go back')
    // Never back to another site.
    expect(await (await send('https://evil.example/doctors')).text()).toContain('href="/login"')
  })
})

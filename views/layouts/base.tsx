import { raw } from 'hono/html'
import { UnreadBadge } from '../components/unread-badge'
import { NotificationBell } from '../components/notification-bell'
import type { Child } from 'hono/jsx'
import { ASSETS } from '../../src/generated/assets'

// htmx: no inline indicator styles and no eval (our CSP forbids both); 422 responses carry a
// re-rendered form, so they are swapped like successes.
const HTMX_CONFIG = JSON.stringify({
  includeIndicatorStyles: false,
  allowEval: false,
  historyCacheSize: 0,
  responseHandling: [
    { code: '204', swap: false },
    { code: '[23]..', swap: true },
    { code: '422', swap: true },
    { code: '[45]..', swap: false, error: true },
  ],
})

// A page's own client, one bundle each (scripts/vendor-assets.ts): with site.js, at most two
// script requests a page.
export type PageScript = 'passkeys' | 'chat' | 'call' | 'visitNotes' | 'upload' | 'push'
const PAGE_SCRIPTS: Record<PageScript, string> = {
  passkeys: ASSETS['passkeys.js'],
  chat: ASSETS['chat.js'],
  call: ASSETS['call.js'],
  visitNotes: ASSETS['visit-notes.js'],
  upload: ASSETS['upload.js'],
  push: ASSETS['push.js'],
}

export type BaseLayoutProps = {
  title: string
  nonce?: string
  // The signed-in person, for the header; pages never show someone else's name here.
  user?: { name: string; role: 'patient' | 'doctor' | 'admin'; adminRole?: string | null; doctorStatus?: string | null; unreadMessages?: number; unreadNotifications?: number }
  // The page's own client, if it has one (passkeys: the WebAuthn client and ours).
  scripts?: [PageScript]
  // The footer's emergency line (a platform setting).
  emergencyText?: string
  children: Child
}

export function BaseLayout({ title, nonce, user, scripts, emergencyText, children }: BaseLayoutProps) {
  // The doctype keeps browsers out of quirks mode; JSX cannot express it, so it is a constant.
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{title === 'MediConnect' ? title : `${title} · MediConnect`}</title>
          <meta name="htmx-config" content={HTMX_CONFIG} />
          <link rel="icon" href={ASSETS['favicon.svg']} type="image/svg+xml" />
          <link rel="stylesheet" href={ASSETS['app.css']} />
          <script src={ASSETS['site.js']} nonce={nonce} defer></script>
          {(scripts ?? []).map((name) => (
            <script src={PAGE_SCRIPTS[name]} nonce={nonce} defer></script>
          ))}
        </head>
        <body>
          <a class="skip-link" href="#main">
            Skip to main content
          </a>
          {/* On a phone the menu folds behind "Menu", which opens it without JavaScript: the link
              targets the header, and the stylesheet shows the menu while it is the target. */}
          <header class="site-header" id="site-menu">
            <div class="bar">
              <a class="brand" href={user ? '/home' : '/'}>
                MediConnect
              </a>
              {user ? <NotificationBell count={user.unreadNotifications} /> : null}
              <a class="menu-toggle" href="#site-menu">
                Menu
              </a>
              <a class="menu-close" href="#main">
                Close menu
              </a>
              <nav aria-label="Main">
                <ul class="nav">
                  <li>
                    <a href="/doctors">Find a doctor</a>
                  </li>
                  {user ? (
                    <>
                      {user.role === 'doctor' && user.doctorStatus === 'verified' ? (
                        <li>
                          <a href="/doctor">My practice</a>
                        </li>
                      ) : null}
                      {user.role === 'doctor' && user.doctorStatus === 'verified' ? (
                        <li>
                          <a href="/doctor/patients">Patients</a>
                        </li>
                      ) : null}
                      {user.role === 'doctor' && user.doctorStatus === 'verified' ? (
                        <li>
                          <a href="/doctor/earnings">Earnings</a>
                        </li>
                      ) : null}
                      <li>
                        <a href={user.role === 'admin' ? '/admin/appointments' : '/appointments'}>Appointments</a>
                      </li>
                      {user.role === 'admin' ? (
                        <li>
                          <a href="/admin/payments">Payments</a>
                        </li>
                      ) : null}
                      {user.role === 'patient' ? (
                        <li>
                          <a href="/record">My record</a>
                        </li>
                      ) : null}
                      {user.role === 'admin' && user.adminRole !== 'support' ? (
                        <>
                          <li>
                            <a href="/admin">Dashboard</a>
                          </li>
                          <li>
                            <a href="/admin/doctors">Doctors</a>
                          </li>
                          <li>
                            <a href="/admin/clinics">Clinics</a>
                          </li>
                          <li>
                            <a href="/admin/reports">Reports</a>
                          </li>
                          <li>
                            <a href="/admin/plans">Plans</a>
                          </li>
                        </>
                      ) : null}
                      {user.role === 'admin' && user.adminRole !== 'clinic' ? (
                        <>
                          <li>
                            <a href="/admin/users">Users</a>
                          </li>
                          <li>
                            <a href="/admin/tickets">Tickets</a>
                          </li>
                          <li>
                            <a href="/admin/reviews">Reviews</a>
                          </li>
                        </>
                      ) : null}
                      {user.role !== 'admin' ? (
                        <li>
                          <a href="/support">Help</a>
                        </li>
                      ) : null}
                      {user.role === 'admin' && user.adminRole !== 'support' ? (
                        <li>
                          <a href="/admin/audit">Audit log</a>
                        </li>
                      ) : null}
                      {user.role === 'admin' && user.adminRole === 'super' ? (
                        <li>
                          <a href="/admin/settings">Settings</a>
                        </li>
                      ) : null}
                      <li>
                        <a href="/conversations" id="nav-messages">
                          Messages
                          <UnreadBadge count={user.unreadMessages} />
                        </a>
                      </li>
                      <li>
                        <a href="/account">Account</a>
                      </li>
                      <li>
                        <form method="post" action="/logout" class="inline-form">
                          <button type="submit" class="link-button">
                            Sign out
                          </button>
                        </form>
                      </li>
                    </>
                  ) : (
                    <>
                      <li>
                        <a href="/login">Sign in</a>
                      </li>
                      <li>
                        <a href="/register">Register</a>
                      </li>
                    </>
                  )}
                </ul>
              </nav>
            </div>
          </header>
          <main id="main" tabindex={-1}>
            {children}
          </main>
          <footer class="site-footer">
            <div class="bar">
              <p>{emergencyText ?? 'In an emergency, call your local emergency number. MediConnect is not for emergencies.'}</p>
            </div>
          </footer>
          <p id="network-status" class="network-status" role="status" aria-live="polite" hidden></p>
        </body>
      </html>
    </>
  )
}

export type ErrorPageProps = {
  status: number
  title: string
  message: string
  requestId?: string
  // For 401: the sign-in page, bringing the person back where they were.
  signIn?: string
}

export function ErrorPage({ status, title, message, requestId, signIn }: ErrorPageProps) {
  return (
    <section id="error" aria-labelledby="error-title">
      <h1 id="error-title">{title}</h1>
      <p>{message}</p>
      <p class="actions">
        {signIn ? (
          <a class="button" href={signIn}>
            Sign in and go back
          </a>
        ) : null}
        <a class={signIn ? 'button secondary' : 'button'} href="/">
          Go to the home page
        </a>
      </p>
      <p class="status-code">
        Error {status}
        {requestId ? ` · reference ${requestId}` : ''}
      </p>
    </section>
  )
}

// Friendly words for the statuses a page can end in.
export const ERROR_PAGE_TEXT: Record<number, { title: string; message: string }> = {
  400: { title: 'Something in that request was not right', message: 'Please go back and try again.' },
  401: { title: 'Please sign in', message: 'You need to be signed in to see this page.' },
  403: { title: 'Not allowed', message: 'Your account cannot open this page.' },
  404: {
    title: 'Page not found',
    message: 'We could not find that page. It may have moved, or the link may be mistyped.',
  },
  413: { title: 'That was too large', message: 'Please send something smaller.' },
  429: { title: 'Too many attempts', message: 'Please wait a minute, then try again.' },
  500: {
    title: 'Something went wrong on our side',
    message: 'Nothing you did caused this. Please try again in a moment.',
  },
  503: {
    title: 'MediConnect is briefly unavailable',
    message:
      'We cannot reach our records right now, so nothing was changed. Please try again in a minute.',
  },
}

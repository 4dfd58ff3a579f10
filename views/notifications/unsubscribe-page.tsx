// Leaving one kind of email, from a link in one: asked first on the page (mail scanners open
// links), done at once by a mail app's one-click POST.
export function UnsubscribePage({ token, label, done }: { token: string; label?: string; done?: boolean }) {
  if (!label) {
    return (
      <section aria-labelledby="unsub-title" class="cards-narrow">
        <h1 id="unsub-title">This link does not work</h1>
        <p>It may have been cut short by your mail app. Sign in and choose what you are emailed under Notifications, then “Choose how you are told”.</p>
      </section>
    )
  }
  return (
    <section aria-labelledby="unsub-title" class="cards-narrow">
      <h1 id="unsub-title">{done ? 'You will not get these emails' : 'Stop these emails?'}</h1>
      {done ? (
        <p class="notice ok" role="status">
          Emails about “{label.toLowerCase()}” are off. They still show under Notifications when you sign in. You can turn them on again in your notification settings.
        </p>
      ) : (
        <>
          <p>Emails about “{label.toLowerCase()}” will stop. They still show under Notifications when you sign in; what changes a booking is always emailed.</p>
          <form method="post" action={`/unsubscribe?token=${encodeURIComponent(token)}`}>
            <button type="submit">Stop these emails</button>
          </form>
        </>
      )}
    </section>
  )
}

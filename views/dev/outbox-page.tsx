type OutboxRow = { id: string; toAddress: string; subject: string; status: string; createdAt: Date; textBody: string }
type TextRow = { id: string; toNumber: string; body: string; status: string; providerStatus: string | null; createdAt: Date }

// What the app would have emailed, for a developer without a Postmark account. Bodies are shown
// as text (escaped), so links can be copied or followed.
export function OutboxPage({ messages, texts }: { messages: OutboxRow[]; texts: TextRow[] }) {
  return (
    <section aria-labelledby="outbox-title">
      <h1 id="outbox-title">Development outbox</h1>
      <p class="muted">Email and text messages are not sent in development; the newest 50 of each are kept here.</p>
      <h2>Text messages</h2>
      {texts.length === 0 ? <p>No text messages yet.</p> : null}
      {texts.map((t) => (
        <article class="card" aria-label={`Text to ${t.toNumber}`}>
          <p class="muted">
            To {t.toNumber} · {t.status}
            {t.providerStatus ? ` (${t.providerStatus})` : ''} · {t.createdAt.toISOString()}
          </p>
          <pre class="mail-body">{t.body}</pre>
        </article>
      ))}
      <h2>Email</h2>
      {messages.length === 0 ? <p>No messages yet.</p> : null}
      {messages.map((m) => (
        <article class="card" aria-labelledby={`msg-${m.id}`}>
          <h3 id={`msg-${m.id}`}>{m.subject}</h3>
          <p class="muted">
            To {m.toAddress} · {m.status} · {m.createdAt.toISOString()}
          </p>
          <pre class="mail-body">{m.textBody}</pre>
        </article>
      ))}
    </section>
  )
}

type OutboxRow = { id: string; toAddress: string; subject: string; status: string; createdAt: Date; textBody: string }

// What the app would have emailed, for a developer without a Postmark account. Bodies are shown
// as text (escaped), so links can be copied or followed.
export function OutboxPage({ messages }: { messages: OutboxRow[] }) {
  return (
    <section aria-labelledby="outbox-title">
      <h1 id="outbox-title">Development outbox</h1>
      <p class="muted">Email is not sent in development; the newest 50 messages are kept here.</p>
      {messages.length === 0 ? <p>No messages yet.</p> : null}
      {messages.map((m) => (
        <article class="card" aria-labelledby={`msg-${m.id}`}>
          <h2 id={`msg-${m.id}`}>{m.subject}</h2>
          <p class="muted">
            To {m.toAddress} · {m.status} · {m.createdAt.toISOString()}
          </p>
          <pre class="mail-body">{m.textBody}</pre>
        </article>
      ))}
    </section>
  )
}

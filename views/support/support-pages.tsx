import { TICKET_CATEGORIES } from '../../src/db/schema/enums'
import type { ApiTicket, ApiTicketMessage } from '../../src/features/support-tickets/present'
import { CATEGORY_LABELS, STATUS_LABELS, TICKET_LIMITS } from '../../src/features/support-tickets/schemas'
import { formatDateTime } from '../../src/lib/format'
import { Field, FieldError, FormMessage, Notices, SelectField, type FormState } from '../components/form'

const ACCEPT = '.pdf,.jpg,.jpeg,.png,.webp,application/pdf,image/jpeg,image/png,image/webp'

/** A long text field with its error tied to it. */
export function TextArea({ name, label, state, rows = 6, hint }: { name: string; label: string; state?: FormState; rows?: number; hint?: string }) {
  const id = `field-${name}`
  const error = state?.errors?.[name]
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ')
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} class="hint">
          {hint}
        </p>
      ) : null}
      <textarea id={id} name={name} rows={rows} maxlength={TICKET_LIMITS.body} required aria-invalid={error ? 'true' : undefined} aria-describedby={described || undefined}>
        {state?.values?.[name] ?? ''}
      </textarea>
      <FieldError id={id} error={error} />
    </div>
  )
}

/** The thread of a ticket: its description first, then every reply (internal notes marked). */
export function TicketThread({ ticket, messages, timezone }: { ticket: ApiTicket; messages: ApiTicketMessage[]; timezone: string }) {
  return (
    <ol class="plain-list stack" aria-label="The conversation">
      <li class="card">
        <p class="muted small">
          {ticket.requester.name}, <time datetime={ticket.created_at}>{formatDateTime(new Date(ticket.created_at), timezone)}</time>
        </p>
        <p class="pre-line">{ticket.description}</p>
        {ticket.attachment ? (
          <p>
            Attachment: <a href={`/support/tickets/${ticket.id}/attachment`}>{ticket.attachment.name}</a>
          </p>
        ) : null}
      </li>
      {messages.map((m) => (
        <li class={m.internal ? 'card internal-note' : 'card'}>
          <p class="muted small">
            {m.internal ? <strong>Internal note · </strong> : null}
            {m.author.role === 'admin' ? `${m.author.name} (MediConnect support)` : m.author.name}, <time datetime={m.created_at}>{formatDateTime(new Date(m.created_at), timezone)}</time>
          </p>
          <p class="pre-line">{m.body}</p>
        </li>
      ))}
    </ol>
  )
}

// The requester's help page: their tickets, and a form to open one.
export function SupportPage({ tickets, appointments, timezone, state, notice }: { tickets: ApiTicket[]; appointments: { id: string; start: string }[]; timezone: string; state?: FormState; notice?: string }) {
  return (
    <section aria-labelledby="support-title" class="narrow">
      <h1 id="support-title">Help</h1>
      <Notices notice={notice} />
      <p>
        For a quick question, <a href="/conversations">chat with support</a>. For anything that needs looking into, open a ticket: we answer by email and here.
      </p>
      <h2>Your tickets</h2>
      {tickets.length === 0 ? (
        <p class="empty">You have not opened any tickets.</p>
      ) : (
        <ul class="plain-list stack">
          {tickets.map((t) => (
            <li class="card">
              <a href={`/support/tickets/${t.id}`}>{t.subject}</a>
              <br />
              <span class="muted small">
                {STATUS_LABELS[t.status]} · updated {formatDateTime(new Date(t.updated_at), timezone)}
              </span>
            </li>
          ))}
        </ul>
      )}
      <h2 id="new-ticket">Open a ticket</h2>
      <form method="post" action="/support/tickets" enctype="multipart/form-data" class="stack" novalidate>
        <FormMessage state={state} />
        <SelectField name="category" label="What is it about?" options={TICKET_CATEGORIES.map((c) => [c, CATEGORY_LABELS[c]] as const)} state={state ?? { values: { category: 'account' } }} />
        <Field name="subject" label="Subject" required maxlength={TICKET_LIMITS.subject} state={state} />
        <TextArea name="description" label="What happened?" state={state} hint="Say what you tried and what you saw. Please leave out medical details: your doctor is the one to tell." />
        {appointments.length ? (
          <SelectField name="appointment_id" label="Which appointment (optional)" blank="None" options={appointments.map((a) => [a.id, formatDateTime(new Date(a.start), timezone)] as const)} state={state} />
        ) : null}
        <div class="field">
          <label for="field-file">A screenshot or document (optional)</label>
          <p id="field-file-hint" class="hint">
            PDF, JPEG, PNG or WebP, up to 10 MB.
          </p>
          <input id="field-file" name="file" type="file" accept={ACCEPT} aria-describedby="field-file-hint" />
          <FieldError id="field-file" error={state?.errors?.file} />
        </div>
        <button type="submit">Send</button>
      </form>
    </section>
  )
}

export function RequesterTicketPage({ ticket, messages, timezone, state, notice }: { ticket: ApiTicket; messages: ApiTicketMessage[]; timezone: string; state?: FormState; notice?: string }) {
  return (
    <section aria-labelledby="ticket-title" class="narrow">
      <p>
        <a href="/support">All your tickets</a>
      </p>
      <h1 id="ticket-title">{ticket.subject}</h1>
      <p class="muted">
        {STATUS_LABELS[ticket.status]} · {CATEGORY_LABELS[ticket.category]}
      </p>
      <Notices notice={notice} />
      <TicketThread ticket={ticket} messages={messages} timezone={timezone} />
      {ticket.status === 'closed' ? (
        <p>This ticket is closed. If you still need help, open a new one from the help page.</p>
      ) : (
        <form method="post" action={`/support/tickets/${ticket.id}/messages`} class="stack" novalidate>
          <FormMessage state={state} />
          <TextArea name="body" label="Your reply" state={state} rows={4} />
          <button type="submit">Send the reply</button>
        </form>
      )}
    </section>
  )
}

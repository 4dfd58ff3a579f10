import { ServerClient } from 'postmark'
import type { ClientOptions } from 'postmark/dist/client/models'

export type OutgoingEmail = {
  from: string
  to: string
  subject: string
  text: string
  html: string | null
  tag: string | null
  attachments: { name: string; contentType: string; contentBase64: string }[] | null
  headers?: Record<string, string> | null
}

export type MailSender = (email: OutgoingEmail) => Promise<{ messageId: string }>

// Sends one message through Postmark's official client (it uses fetch, so it runs in workerd).
// `fetchImpl` lets a test stand in for Postmark's servers, which this machine cannot reach.
export function postmarkSender(token: string, fetchImpl?: ClientOptions.FetchImplementation): MailSender {
  const client = new ServerClient(token, fetchImpl ? { fetch: fetchImpl } : {})
  return async (email) => {
    const result = await client.sendEmail({
      From: email.from,
      To: email.to,
      Subject: email.subject,
      TextBody: email.text,
      HtmlBody: email.html ?? undefined,
      Tag: email.tag ?? undefined,
      MessageStream: 'outbound',
      Headers: Object.entries(email.headers ?? {}).map(([Name, Value]) => ({ Name, Value })),
      Attachments: (email.attachments ?? []).map((a) => ({
        Name: a.name,
        ContentType: a.contentType,
        Content: a.contentBase64,
        ContentID: null,
      })),
    })
    return { messageId: result.MessageID }
  }
}

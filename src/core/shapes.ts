// Shapes that the API, the Durable Objects' frames and the views share, so each is written once.

// A stored message as clients see it, over HTTP and in frames alike.
export type ApiMessage = {
  id: string
  conversation_id: string
  seq: number
  sender: { id: string; name: string }
  client_id: string
  body: string
  created_at: string
}

// A form as a page shows it again after a refusal: what was typed, a reason per field, and a
// message for the form as a whole. One shape for every form.
export type FormState = { values?: Record<string, string>; errors?: Record<string, string>; message?: string }

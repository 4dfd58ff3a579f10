import { DurableObject } from 'cloudflare:workers'
import type { Bindings } from '../../env'

// Placeholder until the call signaling is written (issue 5): refuses every connection.
export class CallRoom extends DurableObject<Bindings> {
  override async fetch(): Promise<Response> {
    return new Response('Not yet available', { status: 503 })
  }
}

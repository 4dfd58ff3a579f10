// The notification socket's frames (server to client only; the client sends nothing but the
// keep-alive "ping"). docs/api.md ("Notification WebSocket") is the reference; keep them in step.
export const MEMBER_HEADER = 'x-notification-member'

// The hub every admin dashboard listens to (a name no user id can take): told when a request is
// made or a doctor applies, so the counters refresh.
export const ADMIN_CHANNEL = 'channel:admins'

export type HubMember = { userId: string; sessionId: string }

export type HubFrame =
  // On connect: the socket is live.
  | { type: 'ready' }
  // Something new for this person (a notification written, or some read): pages re-fetch what
  // they show of it (the bell, a dashboard's list). The frame carries no content of its own.
  | { type: 'changed'; kinds: string[] }

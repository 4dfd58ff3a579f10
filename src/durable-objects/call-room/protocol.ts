import { z } from 'zod'

// The call WebSocket's frames: JSON text, one object per frame, `type` first. The room only relays
// WebRTC signaling; media flows between the two browsers. public/call.js speaks this protocol and
// docs/api.md ("Call WebSocket") is the reference for other clients; keep the three in step.

// An SDP with many candidates inlined stays far below this.
export const MAX_FRAME_BYTES = 64 * 1024

// Which RTCPeerConnection a signal comes from (`session`; a reloaded page has a new one) and which
// of the receiver's it is meant for (`to`, once known), so each side can tell a fresh peer from an
// ICE restart and drop late signals meant for a connection it has replaced.
const Session = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8–64 letters, digits, - or _')
const To = Session.nullish()
const Sdp = z.string().min(1).max(MAX_FRAME_BYTES)

export const IceCandidate = z.object({
  candidate: z.string().max(2048),
  sdpMid: z.string().max(64).nullish(),
  sdpMLineIndex: z.number().int().min(0).max(255).nullish(),
  usernameFragment: z.string().max(256).nullish(),
})

export const ClientFrame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('offer'), session: Session, to: To, sdp: Sdp }),
  z.object({ type: z.literal('answer'), session: Session, to: To, sdp: Sdp }),
  // null: the sender has gathered all its candidates.
  z.object({ type: z.literal('candidate'), session: Session, to: To, candidate: IceCandidate.nullable() }),
  // What the sender is sending, for the other side's display; audio_only asks both to stop video.
  z.object({ type: z.literal('media'), audio: z.boolean(), video: z.boolean(), audio_only: z.boolean() }),
  // The sender leaves the call; the room closes their socket.
  z.object({ type: z.literal('hangup') }),
])
export type ClientFrame = z.infer<typeof ClientFrame>
export type RelayedFrame = Exclude<ClientFrame, { type: 'hangup' }>

export type CallRole = 'patient' | 'doctor'
export type Participant = { user_id: string; name: string; role: CallRole }

export type ServerFrame =
  // First frame on every socket. `peer` is the other party if they are in the call (else the
  // caller waits for `peer_joined`); `polite` names the side that yields in an offer collision.
  | { type: 'ready'; appointment_id: string; you: Participant; peer: Participant | null; polite: boolean; closes_at: string }
  // The other party connected (for the first time, again after a drop, or from a new tab).
  | { type: 'peer_joined'; peer: Participant }
  | { type: 'peer_left'; peer: Participant; reason: 'hangup' | 'disconnected' }
  // A signal from the other party, as they sent it.
  | (RelayedFrame & { from: string })
  // This socket was replaced by a newer one of the same person; it is closed with 4001.
  | { type: 'replaced' }
  // The appointment's time is over; the socket is closed with 4000.
  | { type: 'ended'; reason: 'time_over' | 'appointment_closed' }
  | { type: 'error'; code: string; message: string }

export const CLOSE_CODES = { ended: 4000, replaced: 4001, closed: 4002, hangup: 1000 } as const

// Who a socket belongs to, set by the Worker after it authorised the upgrade; kept as the
// socket's attachment so it survives hibernation. `left` marks a socket whose departure is
// already recorded (hang-up, replaced, time over) so its close event records nothing more.
export type Member = { userId: string; name: string; role: CallRole; appointmentId: string; closesAt: number; sessionId: string }
export type SocketState = Member & { left?: boolean }
export const MEMBER_HEADER = 'x-mediconnect-call-member'

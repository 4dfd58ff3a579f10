import { toIsoInstant } from '../../lib/time'
import type { ReviewRow } from './queries'

/** "Sam P." from "Sam Patel": a first name and initial, or "Anonymous" when the author asked. */
export function shownName(name: string, anonymous: boolean) {
  if (anonymous) return 'Anonymous'
  const [first, ...rest] = name.trim().split(/\s+/)
  const last = rest.at(-1)
  return last ? `${first} ${last[0]!.toUpperCase()}.` : (first ?? 'Anonymous')
}

// A review as the public sees it: no author id, a name as the author chose to be shown.
export const toApiReview = (r: ReviewRow) => ({
  id: r.id,
  doctor_id: r.doctorId,
  rating: r.rating,
  comment: r.comment,
  author: shownName(r.authorName, r.anonymous),
  reply: r.reply,
  replied_at: r.repliedAt ? toIsoInstant(r.repliedAt) : null,
  created_at: toIsoInstant(r.createdAt),
})
export type ApiReview = ReturnType<typeof toApiReview>

// What the doctor and moderators see besides: its status and the moderation trail.
export const toApiReviewDetail = (r: ReviewRow) => ({
  ...toApiReview(r),
  appointment_id: r.appointmentId,
  status: r.status,
  anonymous: r.anonymous,
  reported_at: r.reportedAt ? toIsoInstant(r.reportedAt) : null,
  report_reason: r.reportReason,
  moderated_at: r.moderatedAt ? toIsoInstant(r.moderatedAt) : null,
  moderation_reason: r.moderationReason,
})
export type ApiReviewDetail = ReturnType<typeof toApiReviewDetail>

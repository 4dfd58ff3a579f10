import type { ApiReviewDetail } from '../../src/features/reviews/present'
import { REVIEW_TEXT_MAX } from '../../src/features/reviews/schemas'
import { Notices } from '../components/form'
import { NextPage } from '../components/pager'
import { ReviewBody } from './parts'

const STATUS_TEXT: Record<string, string> = { published: 'Published', flagged: 'Waiting for moderation', hidden: 'Hidden by a moderator' }

// The doctor's reviews, with one reply each.
export function DoctorReviewsPage({ items, nextCursor, timezone, notice, error }: { items: ApiReviewDetail[]; nextCursor: string | null; timezone: string; notice?: string; error?: string }) {
  return (
    <section aria-labelledby="my-reviews-title">
      <h1 id="my-reviews-title">Your reviews</h1>
      <Notices notice={notice} error={error} />
      {items.length === 0 ? <p>No reviews yet. Patients can review a visit once you mark it completed.</p> : null}
      <ul class="plain-list" role="list">
        {items.map((r) => (
          <li class="card review">
            <ReviewBody review={r} timezone={timezone} note={` · ${STATUS_TEXT[r.status]}`} />
            {r.reply ? (
              <blockquote class="reply">
                <p>
                  <strong>Your reply:</strong> {r.reply}
                </p>
              </blockquote>
            ) : (
              <form method="post" action={`/reviews/${r.id}/reply`}>
                <div class="field">
                  <label for={`reply-${r.id}`}>Reply publicly (once)</label>
                  <textarea id={`reply-${r.id}`} name="reply" rows={2} required minlength={2} maxlength={REVIEW_TEXT_MAX}></textarea>
                </div>
                <button type="submit" class="secondary">
                  Publish reply
                </button>
              </form>
            )}
          </li>
        ))}
      </ul>
      <NextPage href="/doctor/reviews" cursor={nextCursor} label="Older reviews →" />
    </section>
  )
}

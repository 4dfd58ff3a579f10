import type { ApiReviewDetail } from '../../src/features/reviews/present'
import { REVIEW_TEXT_MAX } from '../../src/features/reviews/schemas'
import { formatDay } from '../../src/lib/format'
import { Notices } from '../components/form'
import { Stars } from './parts'

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
            <p>
              <Stars rating={r.rating} /> <strong>{r.author}</strong> · <time datetime={r.created_at}>{formatDay(new Date(r.created_at), timezone)}</time> · {STATUS_TEXT[r.status]}
            </p>
            {r.comment ? <p class="prose">{r.comment}</p> : null}
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
      {nextCursor ? (
        <nav aria-label="More reviews" class="pager">
          <span />
          <a href={`/doctor/reviews?cursor=${nextCursor}`}>Older reviews →</a>
        </nav>
      ) : null}
    </section>
  )
}

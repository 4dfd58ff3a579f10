import type { ApiReviewDetail } from '../../src/features/reviews/present'
import { Notices } from '../components/form'
import { NextPage } from '../components/pager'
import { ReviewBody } from './parts'

const FILTERS = [
  ['queue', 'Waiting for a decision'],
  ['published', 'Published'],
  ['hidden', 'Hidden'],
] as const

// The moderation queue: reviews held for their words or reported, each published or hidden with a reason.
export function ModerationPage({ items, status, nextCursor, timezone, notice, error }: { items: ApiReviewDetail[]; status: string; nextCursor: string | null; timezone: string; notice?: string; error?: string }) {
  return (
    <section aria-labelledby="moderation-title">
      <h1 id="moderation-title">Reviews</h1>
      <Notices notice={notice} error={error} />
      <nav aria-label="Which reviews" class="tabs">
        {FILTERS.map(([key, label]) => (
          <a href={`/admin/reviews?status=${key}`} aria-current={status === key ? 'page' : undefined}>
            {label}
          </a>
        ))}
      </nav>
      {items.length === 0 ? <p>{status === 'queue' ? 'Nothing is waiting for a decision.' : 'No reviews here.'}</p> : null}
      <ul class="plain-list" role="list">
        {items.map((r) => (
          <li class="card review">
            <ReviewBody
              review={r}
              timezone={timezone}
              note={
                <>
                  {' · '}
                  <a href={`/doctors/${r.doctor_id}/reviews`}>the doctor’s reviews</a>
                </>
              }
            />
            <p class="muted">
              {r.status === 'flagged' ? 'Held for its words.' : null}
              {r.report_reason ? ` Reported: “${r.report_reason}”.` : null}
              {r.moderation_reason ? ` Last decision: ${r.status} (“${r.moderation_reason}”).` : null}
            </p>
            <form method="post" action={`/admin/reviews/${r.id}/moderate`}>
              <div class="field">
                <label for={`reason-${r.id}`}>Reason (kept in the audit log)</label>
                <input id={`reason-${r.id}`} name="reason" required minlength={3} maxlength={1000} />
              </div>
              <button type="submit" name="decision" value="publish">
                Publish
              </button>{' '}
              <button type="submit" name="decision" value="hide" class="secondary">
                Hide
              </button>
            </form>
          </li>
        ))}
      </ul>
      <NextPage href="/admin/reviews" cursor={nextCursor} label="Older reviews →" params={{ status }} />
    </section>
  )
}

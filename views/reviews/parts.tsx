import type { ApiReview } from '../../src/features/reviews/present'
import type { Child } from 'hono/jsx'
import { formatDay } from '../../src/lib/format'

// Stars as text a screen reader says well ("4 of 5 stars") and a sighted reader sees at once.
export function Stars({ rating }: { rating: number }) {
  return (
    <span class="stars" role="img" aria-label={`${rating} of 5 stars`}>
      {'★'.repeat(rating)}
      <span class="stars-off">{'★'.repeat(5 - rating)}</span>
    </span>
  )
}

// How the published reviews' stars are spread, as a small table (readable without styles).
export function Distribution({ distribution, total }: { distribution: { stars: number; count: number }[]; total: number }) {
  return (
    <table class="distribution">
      <caption class="visually-hidden">Reviews by number of stars</caption>
      <tbody>
        {distribution.map(({ stars, count }) => (
          <tr>
            <th scope="row">{stars} ★</th>
            <td>
              <meter min={0} max={Math.max(total, 1)} value={count} aria-label={`${stars} stars`}></meter>
            </td>
            <td>{count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

// Stars, who and when (and what else the reader needs to know of it), then the words.
export function ReviewBody({ review, timezone, note }: { review: ApiReview; timezone: string; note?: Child }) {
  return (
    <>
      <p>
        <Stars rating={review.rating} /> <strong>{review.author}</strong> · <time datetime={review.created_at}>{formatDay(new Date(review.created_at), timezone)}</time>
        {note}
      </p>
      {review.comment ? <p class="prose">{review.comment}</p> : null}
    </>
  )
}

export function ReviewItem({ review, timezone, doctorName, canReport }: { review: ApiReview; timezone: string; doctorName: string; canReport?: boolean }) {
  return (
    <li class="card review">
      <ReviewBody review={review} timezone={timezone} />
      {review.reply ? (
        <blockquote class="reply">
          <p>
            <strong>{doctorName} replied:</strong> {review.reply}
          </p>
        </blockquote>
      ) : null}
      {canReport ? (
        <details>
          <summary>Report this review</summary>
          <form method="post" action={`/reviews/${review.id}/report`}>
            <div class="field">
              <label for={`report-${review.id}`}>What is wrong with it?</label>
              <input id={`report-${review.id}`} name="reason" required minlength={3} maxlength={1000} />
            </div>
            <button type="submit" class="secondary">
              Send to the moderators
            </button>
          </form>
        </details>
      ) : null}
    </li>
  )
}

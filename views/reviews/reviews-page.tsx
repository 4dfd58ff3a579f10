import type { ApiReview } from '../../src/features/reviews/present'
import { Notices } from '../components/form'
import { NextPage } from '../components/pager'
import { Distribution, ReviewItem } from './parts'

export type ReviewsPageProps = {
  doctor: { id: string; name: string }
  rating: number | null
  reviewCount: number
  distribution: { stars: number; count: number }[]
  items: ApiReview[]
  nextCursor: string | null
  timezone: string
  signedIn: boolean
  notice?: string
}

// A doctor's published reviews, newest first, a page at a time.
export function ReviewsPage(props: ReviewsPageProps) {
  return (
    <section aria-labelledby="reviews-title">
      <h1 id="reviews-title">Reviews of {props.doctor.name}</h1>
      <Notices notice={props.notice} />
      <p class="lead">{props.rating !== null ? `${props.rating.toFixed(1)} of 5 from ${props.reviewCount} reviews` : 'No reviews yet'}</p>
      <Distribution distribution={props.distribution} total={props.reviewCount} />
      <ul class="plain-list" role="list">
        {props.items.map((review) => (
          <ReviewItem review={review} timezone={props.timezone} doctorName={props.doctor.name} canReport={props.signedIn} />
        ))}
      </ul>
      <NextPage href={`/doctors/${props.doctor.id}/reviews`} cursor={props.nextCursor} label="Older reviews →" />
      <p>
        <a href={`/doctors/${props.doctor.id}`}>← Back to {props.doctor.name}</a>
      </p>
    </section>
  )
}

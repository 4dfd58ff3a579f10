import { PracticeAddress } from '../components/practice-address'
import { CONSULTATION_LABELS, formatMoney } from '../../src/lib/format'
import { SlotPicker, TimeZonePicker, type PickerSlot } from '../components/slot-picker'
import { languageName } from '../../src/lib/languages'
import type { ApiReview } from '../../src/features/reviews/present'
import { Distribution, ReviewItem } from '../reviews/parts'

export type DoctorProfile = {
  id: string
  name: string
  specialty: string
  city: string | null
  bio: string | null
  qualifications: string | null
  languages: string[]
  fee_cents: number
  currency: string
  rating: number | null
  review_count: number
  consultation_types: { type: 'video' | 'chat' | 'in_person'; duration_minutes: number; fee_cents: number }[]
  practice_address?: string | null
}

export type DoctorPageProps = {
  doctor: DoctorProfile
  reviews: { latest: ApiReview[]; more: boolean; distribution: { stars: number; count: number }[] }
  slots: PickerSlot[]
  days: string[]
  timezone: string
  from: string
  previousFrom?: string
  nextFrom: string
}

export function DoctorPage({ doctor, reviews, slots, days, timezone, from, previousFrom, nextFrom }: DoctorPageProps) {
  return (
    <>
      <section aria-labelledby="doctor-name">
        <h1 id="doctor-name">{doctor.name}</h1>
        <p class="lead">
          {doctor.specialty}
          {doctor.city ? ` · ${doctor.city}` : ''}
        </p>
        <dl class="facts">
          <dt>Fee</dt>
          <dd>{formatMoney(doctor.fee_cents, doctor.currency)}</dd>
          <dt>Rating</dt>
          <dd>{doctor.rating !== null ? `${doctor.rating.toFixed(1)} of 5 (${doctor.review_count} reviews)` : 'No reviews yet'}</dd>
          {doctor.languages.length ? (
            <>
              <dt>Speaks</dt>
              <dd>{doctor.languages.map(languageName).join(', ')}</dd>
            </>
          ) : null}
          {doctor.consultation_types.length ? (
            <>
              <dt>Consultations</dt>
              <dd>{doctor.consultation_types.map((t) => `${CONSULTATION_LABELS[t.type]} (${t.duration_minutes} min${t.fee_cents !== doctor.fee_cents ? `, ${formatMoney(t.fee_cents, doctor.currency)}` : ''})`).join(', ')}</dd>
            </>
          ) : null}
          {doctor.practice_address ? (
            <>
              <dt>In person at</dt>
              <dd>
                <PracticeAddress address={doctor.practice_address} city={doctor.city} />
              </dd>
            </>
          ) : null}
        </dl>
        {doctor.bio ? <p>{doctor.bio}</p> : null}
        {doctor.qualifications ? <p class="muted">{doctor.qualifications}</p> : null}
      </section>
      <section aria-labelledby="times-title">
        <h2 id="times-title">Free times</h2>
        <TimeZonePicker timezone={timezone} action={`/doctors/${doctor.id}`} keep={{ from }} />
        <form method="get" action={`/doctors/${doctor.id}/book`} id="slot-form">
          <SlotPicker slots={slots} days={days} timezone={timezone} />
          {slots.length ? (
            <div class="sticky-actions">
              <button type="submit">Continue with this time</button>
            </div>
          ) : (
            <p>No free times in these days. Try the next week.</p>
          )}
        </form>
        <nav aria-label="Other days" class="pager">
          {previousFrom ? <a href={`/doctors/${doctor.id}?from=${previousFrom}`}>← Earlier days</a> : <span />}
          <a href={`/doctors/${doctor.id}?from=${nextFrom}`}>Later days →</a>
        </nav>
        <p>
          No time that suits you? <a href={`/doctors/${doctor.id}/waitlist`}>Wait for a time</a>: we hold the next one that suits you and send you a link. Or{' '}
          <a href={`/doctors/${doctor.id}/request`}>ask for a consultation</a> and {doctor.name} proposes a time.
        </p>
      </section>
      <section aria-labelledby="reviews-title">
        <h2 id="reviews-title">Reviews</h2>
        {doctor.review_count ? (
          <>
            <Distribution distribution={reviews.distribution} total={doctor.review_count} />
            <ul class="plain-list" role="list">
              {reviews.latest.map((review) => (
                <ReviewItem review={review} timezone={timezone} doctorName={doctor.name} />
              ))}
            </ul>
            <p>
              <a href={`/doctors/${doctor.id}/reviews`}>All {doctor.review_count} reviews</a>
            </p>
          </>
        ) : (
          <p class="muted">No reviews yet. Patients review a visit after it is completed.</p>
        )}
      </section>
    </>
  )
}

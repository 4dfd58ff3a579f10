import { formatDateTime } from '../../src/lib/format'

export type OfferOutcome =
  | { outcome: 'booked'; doctorName: string; start: Date; timezone: string; appointmentId: string; signedIn: boolean; paymentDue: boolean }
  | { outcome: 'expired' | 'unavailable'; message: string }

// What a one-tap link answers: the booking it made (or made before), or why it could not.
export function OfferPage(props: OfferOutcome) {
  if (props.outcome !== 'booked') {
    return (
      <section aria-labelledby="offer-title" class="narrow">
        <h1 id="offer-title">This time is no longer held for you</h1>
        <p>{props.message}</p>
        <p>
          <a href="/waitlist">See your waitlists</a>
        </p>
      </section>
    )
  }
  const link = props.paymentDue ? `/appointments/${props.appointmentId}/pay` : `/appointments/${props.appointmentId}`
  return (
    <section aria-labelledby="offer-title" class="narrow">
      <h1 id="offer-title">{props.paymentDue ? 'The time is yours once you pay' : 'You are booked'}</h1>
      <p class="lead">
        {props.doctorName}, <time datetime={props.start.toISOString()}>{formatDateTime(props.start, props.timezone)}</time> ({props.timezone.replace(/_/g, ' ')}).
      </p>
      <p>
        <a href={props.signedIn ? link : `/login?next=${encodeURIComponent(link)}`}>{props.paymentDue ? 'Pay now' : 'See the appointment'}</a>
      </p>
    </section>
  )
}

import type { ApiIntake } from '../../src/features/intake/present'
import { ONSETS } from '../../src/features/intake/questionnaire'
import { formatDateTime } from '../../src/lib/format'

// A visit's questionnaire answers, as the patient gave them when booking.
export function IntakePage({ appointmentId, intake, timezone }: { appointmentId: string; intake: ApiIntake; timezone: string }) {
  return (
    <section aria-labelledby="intake-title" class="narrow">
      <h1 id="intake-title">Answers before the visit</h1>
      {intake.red_flag ? (
        <div class="notice error" role="note">
          <strong>Urgent:</strong> the patient answered yes to {intake.red_flags.join('; ')}.
        </div>
      ) : null}
      <dl class="facts">
        <dt>Symptoms</dt>
        <dd>{intake.symptoms.length ? intake.symptoms.join(', ') : 'None ticked'}</dd>
        <dt>In their words</dt>
        <dd class="prose">{intake.description ?? '—'}</dd>
        <dt>Started</dt>
        <dd>{intake.onset ? ONSETS[intake.onset] : '—'}</dd>
        <dt>Severity</dt>
        <dd>{intake.severity !== undefined ? `${intake.severity} of 10` : '—'}</dd>
        <dt>Current medicines</dt>
        <dd class="prose">{intake.medicines ?? '—'}</dd>
        <dt>Answered</dt>
        <dd>
          <time datetime={intake.answered_at}>{formatDateTime(new Date(intake.answered_at), timezone)}</time>
        </dd>
      </dl>
      <p>
        <a href={`/appointments/${appointmentId}`}>Back to the appointment</a>
      </p>
    </section>
  )
}

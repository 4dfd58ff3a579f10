import type { ApiAccessEntry } from '../../src/features/records/present'
import { formatDateTime } from '../../src/lib/format'
import { RecordNav } from './record-nav'
import { NextPage } from '../components/pager'

const WHAT: Record<string, string> = {
  patient_profile: 'your profile',
  medical_history: 'your medical history',
  document: 'a document',
  visit_note: 'a visit note',
  prescription: 'a prescription',
  patient_record: 'your record',
  conversation: 'a conversation',
}

const ROLE: Record<string, string> = { doctor: 'Doctor', patient: 'Patient', admin: 'Administrator' }
const ADMIN_ROLE: Record<string, string> = { super: 'Administrator', clinic: 'Clinic administrator', support: 'Support' }

export function describeAccess(entry: ApiAccessEntry): string {
  const what = WHAT[entry.entity_type ?? ''] ?? 'your data'
  return entry.action === 'document.download' ? `downloaded ${what}` : `viewed ${what}`
}

export function actorRole(entry: ApiAccessEntry): string {
  if (entry.actor.admin_role) return ADMIN_ROLE[entry.actor.admin_role] ?? 'Administrator'
  return ROLE[entry.actor.role ?? ''] ?? ''
}

// "Who saw my record": every read of the patient's data by someone else, newest first.
export function AccessPage({ items, nextCursor, timezone }: { items: ApiAccessEntry[]; nextCursor: string | null; timezone: string }) {
  return (
    <section aria-labelledby="access-title">
      <h1 id="access-title">Who saw my record</h1>
      <RecordNav current="/record/access" />
      <p class="lead">Every time someone other than you opens part of your record, it is written down here. Only your doctors and clinic administrators can open it.</p>
      {items.length === 0 ? (
        <p class="muted">Nobody else has opened your record yet.</p>
      ) : (
        <div class="table-wrap" tabindex={0} role="region" aria-label="Reads of your record (scrolls sideways)">
          <table>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">From</th>
              </tr>
            </thead>
            <tbody>
              {items.map((entry) => (
                <tr>
                  <td>
                    <time datetime={entry.at}>{formatDateTime(new Date(entry.at), timezone)}</time>
                  </td>
                  <td>
                    {entry.actor.name}
                    <br />
                    <span class="muted small">{actorRole(entry)}</span>
                  </td>
                  <td>{describeAccess(entry)}</td>
                  <td>
                    {entry.device}
                    {entry.ip ? <span class="muted small"> · {entry.ip}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <NextPage href="/record/access" cursor={nextCursor} label="Older entries" />
    </section>
  )
}

import { DOCTOR_DOCUMENT_KINDS } from '../../src/db/schema/enums'
import type { ApiDoctorDocument } from '../../src/features/doctor-admin/present'
import { KIND_LABELS } from '../../src/features/doctor-admin/schemas'
import { formatDateTime } from '../../src/lib/format'
import { Notices, type FormState } from '../components/form'
import { UploadForm } from '../documents/documents-page'

// A doctor's own application documents: the licence and certificates the admins check.
export function ApplicationPage({ status, items, timezone, state, notice }: { status: string; items: ApiDoctorDocument[]; timezone: string; state?: FormState; notice?: string }) {
  return (
    <section aria-labelledby="application-title" class="narrow">
      <h1 id="application-title">Your licence and certificates</h1>
      <p>{status === 'pending' ? 'Upload a scan of your licence and your specialist certificates: our team checks them before verifying you.' : 'Keep your licence current here: upload the renewed one before the old one lapses.'}</p>
      <Notices notice={notice} />
      {items.length === 0 ? (
        <p class="empty">Nothing uploaded yet.</p>
      ) : (
        <ul class="plain-list history-list">
          {items.map((d) => (
            <li>
              <a href={`/doctor-application/documents/${d.id}`}>{d.title}</a>{' '}
              <span class="muted small">
                {KIND_LABELS[d.kind as keyof typeof KIND_LABELS] ?? d.kind} · uploaded {formatDateTime(new Date(d.uploaded_at), timezone)} · {d.reviewed_at ? 'checked' : 'not checked yet'}
              </span>
            </li>
          ))}
        </ul>
      )}
      <h2>Upload a document</h2>
      <UploadForm action="/doctor-application/documents" apiAction="/api/v1/doctor-application/documents" done="/doctor-application?uploaded=1" state={state} choice={{ name: 'kind', label: 'What it is', options: DOCTOR_DOCUMENT_KINDS.map((k) => [k, KIND_LABELS[k]] as const), initial: 'licence' }} />
    </section>
  )
}

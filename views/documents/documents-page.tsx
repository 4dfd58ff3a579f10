import { DOCUMENT_CATEGORIES } from '../../src/db/schema/enums'
import { TYPE_LABEL } from '../../src/features/documents/file-type'
import type { ApiDocument } from '../../src/features/documents/present'
import { CATEGORY_LABELS, DOCUMENT_TITLE_MAX } from '../../src/features/documents/schemas'
import { formatDateTime } from '../../src/lib/format'
import { Field, FormMessage, SelectField, type FormState } from '../components/form'
import { RecordNav } from '../records/record-nav'

const ACCEPT = '.pdf,.jpg,.jpeg,.png,.webp,application/pdf,image/jpeg,image/png,image/webp'

const size = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`)

// Read-only, for the doctor's view of a patient: each file downloads.
export function DocumentList({ items, timezone, deletable = () => false }: { items: ApiDocument[]; timezone: string; deletable?: (d: ApiDocument) => boolean }) {
  if (items.length === 0) return <p class="muted">No documents yet.</p>
  return (
    <ul class="plain-list history-list">
      {items.map((d) => (
        <li>
          <a href={`/documents/${d.id}/download`}>{d.title}</a>{' '}
          <span class="muted small">
            {CATEGORY_LABELS[d.category]} · {TYPE_LABEL[d.content_type]}, {size(d.size_bytes)} · {formatDateTime(new Date(d.created_at), timezone)}
            {d.uploaded_by.role === 'doctor' ? ` · from ${d.uploaded_by.name}` : ''}
          </span>
          {deletable(d) ? (
            <form method="post" action={`/record/documents/${d.id}/delete`} class="inline-form">
              <button type="submit" class="link-button">
                Delete<span class="visually-hidden"> {d.title}</span>
              </button>
            </form>
          ) : null}
        </li>
      ))}
    </ul>
  )
}

// A plain multipart form; upload.js sends it with a progress bar and retries on a bad link.
type Choice = { name: string; label: string; options: readonly (readonly [string, string])[]; initial: string }
const CATEGORY_CHOICE: Choice = { name: 'category', label: 'Category', options: DOCUMENT_CATEGORIES.map((c) => [c, CATEGORY_LABELS[c]] as const), initial: 'lab_report' }

// `choice`: what kind of file it is (a patient document's category by default).
export function UploadForm({ action, apiAction, done, state, choice = CATEGORY_CHOICE }: { action: string; apiAction: string; done: string; state?: FormState; choice?: Choice }) {
  return (
    <form method="post" action={action} enctype="multipart/form-data" data-upload={apiAction} data-done={done} class="upload-form">
      <FormMessage state={state} />
      <Field name="title" label="Title" state={state} required maxlength={DOCUMENT_TITLE_MAX} hint="For example: Blood test, March" />
      <SelectField name={choice.name} label={choice.label} options={choice.options} state={state ?? { values: { [choice.name]: choice.initial } }} />
      <div class="field">
        <label for="field-file">File</label>
        <p id="field-file-hint" class="hint">
          PDF, JPEG, PNG or WebP, up to 10 MB.
        </p>
        <input id="field-file" name="file" type="file" accept={ACCEPT} required aria-describedby="field-file-hint" />
      </div>
      <progress class="upload-progress" max={100} value={0} hidden></progress>
      <p class="upload-status muted small" role="status" aria-live="polite"></p>
      <button type="submit">Upload</button>
    </form>
  )
}

export function DocumentsPage({ items, viewerId, timezone, state, notice }: { items: ApiDocument[]; viewerId: string; timezone: string; state?: FormState; notice?: string }) {
  return (
    <section aria-labelledby="documents-title">
      <h1 id="documents-title">Documents</h1>
      <RecordNav current="/record/documents" />
      {notice ? (
        <div class="notice" role="status">
          {notice}
        </div>
      ) : null}
      <DocumentList items={items} timezone={timezone} deletable={(d) => d.patient_id === viewerId} />
      <h2>Add a document</h2>
      <UploadForm action="/record/documents" apiAction="/api/v1/patient/documents" done="/record/documents?uploaded=1" state={state} />
    </section>
  )
}

import { EXTENSION_OF } from './file-type'
import type { DocumentRow } from './queries'

export function toApiDocument(row: DocumentRow) {
  return {
    id: row.id,
    patient_id: row.patientId,
    appointment_id: row.appointmentId,
    title: row.title,
    category: row.category,
    content_type: row.contentType,
    size_bytes: row.sizeBytes,
    sha256: row.sha256,
    uploaded_by: { id: row.uploadedBy, name: row.uploaderName, role: row.uploaderRole },
    created_at: row.createdAt.toISOString(),
    download_url: `/api/v1/patient/documents/${row.id}/download`,
  }
}
export type ApiDocument = ReturnType<typeof toApiDocument>

// Always a download, never shown inline: a file is data, not a page of ours. The ASCII name
// suits every browser; filename* keeps the title's own characters for those that read it.
export function downloadHeaders(row: Pick<DocumentRow, 'contentType' | 'title' | 'sizeBytes'>): Record<string, string> {
  const extension = EXTENSION_OF[row.contentType]
  const ascii = `${row.title.normalize('NFKD').replace(/[^\w.-]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 80) || 'document'}.${extension}`
  return {
    'content-type': row.contentType,
    'content-length': String(row.sizeBytes),
    'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(`${row.title.slice(0, 120)}.${extension}`)}`,
    'x-content-type-options': 'nosniff',
    'cache-control': 'private, no-store',
  }
}

import type { DOCUMENT_CONTENT_TYPES } from '../../db/schema/enums'

export type DocumentType = (typeof DOCUMENT_CONTENT_TYPES)[number]

// What a file is, from its first bytes (its "magic number"); a name or a browser's guess can lie.
const SIGNATURES: { type: DocumentType; test: (b: Uint8Array) => boolean }[] = [
  { type: 'application/pdf', test: (b) => ascii(b, 0, 5) === '%PDF-' },
  { type: 'image/jpeg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'image/png', test: (b) => [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((byte, i) => b[i] === byte) },
  { type: 'image/webp', test: (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP' },
]

const EXTENSIONS: Record<string, DocumentType> = { pdf: 'application/pdf', jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' }
export const EXTENSION_OF: Record<DocumentType, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' }
export const TYPE_LABEL: Record<DocumentType, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG image', 'image/png': 'PNG image', 'image/webp': 'WebP image' }

function ascii(bytes: Uint8Array, from: number, to: number) {
  return String.fromCharCode(...bytes.subarray(from, to))
}

export function sniffType(bytes: Uint8Array): DocumentType | null {
  return SIGNATURES.find((s) => s.test(bytes))?.type ?? null
}

// The file's type when its bytes are one we accept and its name does not claim another; else
// why not, in words for the person uploading it.
export function checkFileType(bytes: Uint8Array, fileName: string): { type: DocumentType } | { problem: string } {
  const type = sniffType(bytes)
  if (!type) return { problem: 'Only PDF, JPEG, PNG and WebP files can be uploaded.' }
  const extension = /\.([a-z0-9]{1,5})$/i.exec(fileName)?.[1]?.toLowerCase()
  const named = extension ? EXTENSIONS[extension] : undefined
  if (extension && named !== type) return { problem: `This file is a ${TYPE_LABEL[type]} but its name ends in .${extension}. Rename it or choose the right file.` }
  return { type }
}

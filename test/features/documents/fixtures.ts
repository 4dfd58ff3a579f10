// Small files whose first bytes are what real ones start with.
const bytes = (...parts: (string | number[])[]) => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p)))

export const FILES = {
  pdf: bytes('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n'),
  png: bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'IHDR-and-the-rest'),
  jpeg: bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF-and-the-rest'),
  webp: bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 and-the-rest'),
  text: bytes('just some text, not a document'),
}

export function uploadForm(file: Uint8Array, name: string, fields: Record<string, string> = { title: 'Blood test', category: 'lab_report' }) {
  const form = new FormData()
  for (const [key, value] of Object.entries(fields)) form.set(key, value)
  form.set('file', new File([file as Uint8Array<ArrayBuffer>], name))
  return form
}

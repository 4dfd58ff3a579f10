import { decryptField, encryptField, type KeyRing } from '../../lib/field-crypto'
import type { NoteContent } from './schemas'

// The content is bound to the patient: a ciphertext copied onto another patient's row fails.
export const sealNote = (ring: KeyRing, patientId: string, content: NoteContent) => encryptField(ring, JSON.stringify(content), patientId)
export const openNote = async (ring: KeyRing, patientId: string, stored: string) => JSON.parse(await decryptField(ring, stored, patientId)) as NoteContent

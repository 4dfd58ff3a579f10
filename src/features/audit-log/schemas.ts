import { z } from 'zod'
import { IsoDate } from '../../core/input'

const Id = z.string().trim().max(40, 'is not an id')

// The audit table's state, in the URL.
export const AuditQuery = z.object({
  actor: Id.optional(),
  action: z.string().trim().max(80, 'must be at most 80 characters').regex(/^[a-z_.]*$/, 'must be an action such as record.read').optional(),
  entity_type: z.string().trim().max(40, 'is not an entity type').optional(),
  entity_id: Id.optional(),
  subject: Id.optional(),
  ip: z.string().trim().max(64, 'is not an address').optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  cursor: z.string().max(300, 'is not a valid cursor').optional(),
})
export type AuditQuery = z.infer<typeof AuditQuery>

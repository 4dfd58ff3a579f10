import { z } from 'zod'
import { oneLine, TEXT_LIMITS } from '../../core/input'
import { TICKET_CATEGORIES, TICKET_PRIORITIES, TICKET_STATUSES } from '../../db/schema/enums'

export const TICKET_LIMITS = { subject: 140, body: 5000 } as const

export const CATEGORY_LABELS: Record<(typeof TICKET_CATEGORIES)[number], string> = {
  account: 'My account or signing in',
  appointment: 'An appointment',
  technical: 'Something does not work',
  billing: 'Payments',
  other: 'Something else',
}
export const STATUS_LABELS: Record<(typeof TICKET_STATUSES)[number], string> = { open: 'Open', waiting: 'Waiting for the requester', resolved: 'Resolved', closed: 'Closed' }

const Body = z.string().trim().min(1, 'is required').max(TICKET_LIMITS.body, `must be at most ${TICKET_LIMITS.body} characters`)

// What a patient or doctor writes to open a ticket (the attachment travels beside it).
export const TicketInput = z.object({
  category: z.enum(TICKET_CATEGORIES, 'must be one of the categories'),
  subject: oneLine(TICKET_LIMITS.subject).pipe(z.string().min(3, 'must say what it is about (at least 3 characters)')),
  description: Body,
  appointment_id: z
    .string()
    .trim()
    .max(40, 'is not an appointment id')
    .optional()
    .transform((s) => s || null),
})
export type TicketInput = z.output<typeof TicketInput>

export const ReplyInput = z.object({ body: Body })

// Support's reply: to the requester, or an internal note only support sees.
export const AgentReplyInput = ReplyInput.extend({ internal: z.union([z.boolean(), z.enum(['on', 'true', '1'])]).optional().transform((v) => v === true || v === 'on' || v === 'true' || v === '1') })

export const TicketUpdateInput = z
  .object({
    status: z.enum(TICKET_STATUSES, 'must be open, waiting, resolved or closed').optional(),
    priority: z.enum(TICKET_PRIORITIES, 'must be low, normal, high or urgent').optional(),
    // An admin's id, or "" (or null) to unassign.
    assignee_id: z
      .union([z.string().trim().max(40, 'is not an admin id'), z.null()])
      .optional()
      .transform((s) => (s === undefined ? undefined : s || null)),
  })
  .refine((u) => u.status !== undefined || u.priority !== undefined || u.assignee_id !== undefined, { message: 'must change the status, priority or assignee', path: ['status'] })
export type TicketUpdateInput = z.output<typeof TicketUpdateInput>

// The queue's state, all in the URL.
export const QueueQuery = z.object({
  q: z.string().trim().max(TEXT_LIMITS.search, `must be at most ${TEXT_LIMITS.search} characters`).optional(),
  status: z.enum([...TICKET_STATUSES, 'active'], 'is not a status').default('active'),
  priority: z.enum(TICKET_PRIORITIES, 'is not a priority').optional(),
  category: z.enum(TICKET_CATEGORIES, 'is not a category').optional(),
  // "me", "none", or an admin's id.
  assignee: z.string().trim().max(40, 'is not an admin').optional(),
  dir: z.enum(['asc', 'desc'], 'must be asc or desc').default('asc'),
  cursor: z.string().max(300, 'is not a valid cursor').optional(),
})
export type QueueQuery = z.output<typeof QueueQuery>

export const FromConversationInput = z.object({ conversation_id: z.string().trim().min(1, 'is required').max(40, 'is not a conversation id') })

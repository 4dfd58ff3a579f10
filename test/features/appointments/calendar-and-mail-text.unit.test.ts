import { describe, expect, it } from 'vitest'
import { appointmentIcs } from '../../../src/features/appointments/ics'
import { appointmentMessage } from '../../../src/features/mail/templates'

// Whatever text reaches them, a calendar file stays a valid RFC 5545 file and a subject one line.
describe('calendar files and email subjects from any text', () => {
  const hostile = 'Dr. A\r\nATTENDEE:mailto:evil@example\rX\u0007; long ' + 'é'.repeat(80)

  it('escapes line breaks and drops control characters in .ics text, folding lines at 75 octets', () => {
    const ics = appointmentIcs({
      id: 'apt_1', start: new Date('2027-03-14T09:00:00Z'), end: new Date('2027-03-14T09:30:00Z'), summary: hostile, description: hostile,
      url: 'https://mediconnect.test/appointments/apt_1', status: 'confirmed', updatedAt: new Date('2027-03-01T00:00:00Z'), domain: 'mediconnect.test',
    })
    const lines = ics.split('\r\n')
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n\u0000-\u0008\u000b-\u001f\u007f]/)
    expect(lines.filter((l) => l.startsWith('ATTENDEE'))).toEqual([])
    for (const line of lines) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75)
    expect(ics).toContain('SUMMARY:Dr. A\\nATTENDEE:mailto:evil@example\\nX\\; long')
  })

  it('keeps an email subject to one line', () => {
    const message = appointmentMessage({ name: 'Sam', subject: `Booked with ${hostile}`, headline: 'Booked', when: 'Monday', details: [], link: 'https://mediconnect.test/' })
    expect(message.subject).not.toMatch(/[\r\n\u0000-\u001f\u007f]/)
    expect(message.subject.startsWith('Booked with Dr. A ATTENDEE:mailto:evil@example X ; long')).toBe(true)
  })
})

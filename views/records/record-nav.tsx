// The patient's own record is several pages; this is how they move between them. `current` is
// the href of the page being shown (marked with aria-current).
export const RECORD_SECTIONS = [
  { href: '/record', label: 'Overview' },
  { href: '/record/profile', label: 'Profile' },
  { href: '/record/history', label: 'Medical history' },
  { href: '/record/documents', label: 'Documents' },
  { href: '/record/visits', label: 'Visits and prescriptions' },
  { href: '/record/access', label: 'Who saw my record' },
] as const

export type RecordSection = (typeof RECORD_SECTIONS)[number]['href']

export function RecordNav({ current }: { current: RecordSection }) {
  return (
    <nav aria-label="My record" class="tabs">
      {RECORD_SECTIONS.map((section) => (
        <a href={section.href} aria-current={section.href === current ? 'page' : undefined}>
          {section.label}
        </a>
      ))}
    </nav>
  )
}

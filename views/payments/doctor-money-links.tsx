// The doctor's money pages, each linking to the other two.
const PAGES = [
  { href: '/doctor/earnings', label: 'Earnings' },
  { href: '/doctor/payouts', label: 'Payouts' },
  { href: '/doctor/billing', label: 'Plan and billing' },
] as const

export function DoctorMoneyLinks({ here }: { here: (typeof PAGES)[number]['href'] }) {
  const others = PAGES.filter((p) => p.href !== here)
  return (
    <p>
      {others.map((p, i) => (
        <>
          {i > 0 ? ' · ' : null}
          <a href={p.href}>{p.label}</a>
        </>
      ))}
    </p>
  )
}

import { addressLine, mapLink } from '../../src/lib/map-link'

// A practice's address with a plain link to a map, wherever an in-person visit is mentioned.
export function PracticeAddress({ address, city }: { address: string; city?: string | null }) {
  return (
    <>
      {addressLine(address, city)} ·{' '}
      <a href={mapLink(address, city)} rel="noopener noreferrer">
        Map
      </a>
    </>
  )
}

// A plain link to a map of an address (OpenStreetMap's search: no script, no key, works on any
// phone), for in-person visits.
export function mapLink(address: string, city?: string | null): string {
  return `https://www.openstreetmap.org/search?query=${encodeURIComponent([address, city].filter(Boolean).join(', '))}`
}

/** The address as one line: "Kastanienallee 12, 10435, Berlin". */
export const addressLine = (address: string, city?: string | null) => [address, city].filter(Boolean).join(', ')

// The key a per-address limit counts under. An IPv4 address is one machine (or one NAT); an IPv6
// user usually holds a whole /64, and could rotate through it to dodge a per-address limit, so
// IPv6 addresses count by their /64. No address (wrangler dev, tests) is one shared key.
export function ipKey(ip: string | null | undefined): string {
  if (!ip) return 'unknown'
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)
  if (mapped) return mapped[1]!
  if (!ip.includes(':')) return ip
  const [head = '', tail = ''] = ip.toLowerCase().split('::')
  const left = head ? head.split(':') : []
  const right = tail ? tail.split(':') : []
  const groups = ip.includes('::') ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left
  return `${groups.slice(0, 4).map((g) => (parseInt(g, 16) || 0).toString(16)).join(':')}::/64`
}

import encodeQR from '@paulmillr/qr'

const QUIET_ZONE = 4

// A QR code as a small inline SVG drawn on the server: one path of unit squares, so it is a few
// kilobytes, needs no script, and uses attributes only (the CSP forbids inline styles).
export function qrSvg(text: string, { label }: { label: string }): string {
  const matrix = encodeQR(text, 'raw', { border: 0, ecc: 'medium' })
  const size = matrix.length + QUIET_ZONE * 2
  let path = ''
  matrix.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) path += `M${x + QUIET_ZONE} ${y + QUIET_ZONE}h1v1h-1z`
    }),
  )
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" role="img" ` +
    `aria-label="${escapeAttribute(label)}" shape-rendering="crispEdges">` +
    `<rect width="${size}" height="${size}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`
  )
}

function escapeAttribute(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)
}

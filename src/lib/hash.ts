// SHA-256 as lower-case hex. For high-entropy secrets (tokens, recovery codes) only: a
// password needs the slow hash in password.ts.
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

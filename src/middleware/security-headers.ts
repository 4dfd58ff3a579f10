import { NONCE, secureHeaders } from 'hono/secure-headers'

// Strict CSP: scripts only from our origin or with this response's nonce; no inline styles, no
// eval (htmx runs with allowEval off and Alpine is its CSP build). Camera and microphone are
// allowed for our own origin because the video visit needs them.
export const securityHeaders = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'", NONCE],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    connectSrc: ["'self'"],
    mediaSrc: ["'self'", 'blob:'],
    fontSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
  crossOriginEmbedderPolicy: false,
  crossOriginOpenerPolicy: 'same-origin',
  crossOriginResourcePolicy: 'same-origin',
  referrerPolicy: 'strict-origin-when-cross-origin',
  strictTransportSecurity: 'max-age=63072000; includeSubDomains',
  xFrameOptions: 'DENY',
  permissionsPolicy: {
    camera: ['self'],
    microphone: ['self'],
    geolocation: [],
    payment: ['self'],
  },
})

/**
 * The renderer's Content Security Policy. One string, sent as a header by the app:// protocol handler and the
 * web bridge, and repeated verbatim in renderer/index.html's meta tag (a test checks they match).
 * No inline or eval'd script, and no connection beyond the app's own origin: the renderer talks to nothing else.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The renderer's Content Security Policy, as the app:// handler sends it. The string itself lives in
 * core/api/csp.ts so the web bridge (which may not import electron/) sends the very same one;
 * renderer/index.html repeats it in a meta tag, and a test checks all three agree.
 */
export { CONTENT_SECURITY_POLICY } from '../../core/api/csp.js';

/**
 * zod compiles fast parsers with `new Function()` unless told not to, and decides when each schema is
 * built. The CSP forbids eval, so this must run before any module that builds schemas: main.tsx imports it first.
 */
import { z } from 'zod';

z.config({ jitless: true });

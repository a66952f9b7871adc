// zod probes `new Function()` while building schemas unless jitless; the page's CSP forbids eval.
// Imported first by preload.ts, before the contract builds its schemas.
import { z } from 'zod';

z.config({ jitless: true });

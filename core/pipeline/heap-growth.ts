/**
 * How far V8 lets a heap grow past what survived its last full collection. By default it picks a factor
 * between 1.1 and 4 from how fast it collects; an import allocates fast but keeps little (25-40 MB live
 * on each of its two threads at any point of a 1 GB import), so the heaps sat mostly on garbage and a
 * redacted 1 GB import peaked at 440-480 MB of RSS. A fixed factor of 1.5 brought it to 292 MB at about
 * the same speed. Unlike a heap cap, it cannot make a huge record fail: the heap still grows as far as it
 * must, it is just collected sooner.
 */
import { setFlagsFromString } from 'node:v8';

/** The growing factor is 1 + this / 100. */
export const DEFAULT_HEAP_GROWING_PERCENT = 50;

let applied = false;

/**
 * Set V8's heap growing factor for this process, once (the flag is process-wide and read at every
 * collection, so setting it at run time takes effect). `CASEBOOK_HEAP_GROWING_PERCENT` overrides the
 * percentage; 0 gives V8 back its own choice. Returns the flag set, or undefined when already applied.
 */
export function limitHeapGrowth(
  env: NodeJS.ProcessEnv = process.env,
  setFlags: (flags: string) => void = setFlagsFromString,
): string | undefined {
  if (applied) return undefined;
  applied = true;
  const raw = env.CASEBOOK_HEAP_GROWING_PERCENT;
  const parsed = raw === undefined || raw.trim() === '' ? DEFAULT_HEAP_GROWING_PERCENT : Number(raw);
  const percent = Number.isInteger(parsed) && parsed >= 0 && parsed <= 1000 ? parsed : DEFAULT_HEAP_GROWING_PERCENT;
  const flag = `--heap-growing-percent=${percent}`;
  setFlags(flag);
  return flag;
}

/** Forget that the flag was set (tests only). */
export function resetHeapGrowthForTests(): void {
  applied = false;
}

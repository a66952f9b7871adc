/** Peak resident memory of this process, for benchmarks. */
import { readFileSync } from 'node:fs';

/**
 * Peak RSS in MiB. On Linux this reads VmHWM from /proc/self/status: getrusage's maxrss is carried
 * across exec, so a benchmark child would report its parent's peak instead of its own.
 */
export function peakRssMb(): number {
  try {
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) / 1024;
  } catch {
    // Not Linux: fall through.
  }
  return process.resourceUsage().maxRSS / 1024;
}

/** The one-line progress bar the CLI redraws on a terminal (pure: renders a string). */
import type { ImportProgress } from '../pipeline/import.js';
import { formatBytes } from './format-text.js';

/** Render import progress as one line of at most `width` columns. */
export function renderImportProgress(p: ImportProgress, width: number): string {
  const fraction = p.bytesTotal > 0 ? Math.min(1, p.bytesRead / p.bytesTotal) : 0;
  const seconds = Math.max(p.elapsedMs / 1000, 0.001);
  const mbps = p.bytesRead / 1024 / 1024 / seconds;
  const phase = p.phase === 'assembling' ? 'assembling traces' : `file ${p.fileIndex + 1}/${p.fileCount}`;
  const stats = ` ${(fraction * 100).toFixed(0).padStart(3)}% ${formatBytes(p.bytesRead)} · ${p.records} records · ${mbps.toFixed(1)} MB/s · ${p.errors} errors · ${phase}`;
  const barWidth = Math.max(10, Math.min(30, width - stats.length - 2));
  const filled = Math.round(fraction * barWidth);
  const line = `[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}]${stats}`;
  return line.length > width ? line.slice(0, width) : line;
}

/** Format auto-detection over a file's first records (pure). */
import type { FormatParser } from './format.js';

/** The detector's pick, with the confidence that decided it. */
export interface Detection {
  parser: FormatParser;
  confidence: number;
}

/** Lowest confidence at which a format is accepted without --format. */
export const MIN_CONFIDENCE = 0.5;

/**
 * Score every parser on the sample records and return the best one, or undefined when none reaches
 * MIN_CONFIDENCE. A parser's score is its best score on any sampled record, so a file whose first
 * record is broken is still recognised by the next ones.
 */
export function detectFormat(sample: readonly unknown[], parsers: readonly FormatParser[]): Detection | undefined {
  let best: Detection | undefined;
  for (const parser of parsers) {
    let score = 0;
    for (const record of sample) {
      let s = 0;
      try {
        s = parser.detect(record);
      } catch {
        s = 0;
      }
      if (s > score) score = s;
    }
    if (score >= MIN_CONFIDENCE && (best === undefined || score > best.confidence)) best = { parser, confidence: score };
  }
  return best;
}

// The default Classifier: the in-process rules of domain/classify. No network, no model download,
// nothing loaded at start beyond this code; the claims are prepared once per instance (one per Lambda
// container), then each item costs well under a millisecond.
// Flow: ingest / reclassify / classify command → LocalClassifier → domain/classify (pure)
import { buildClaimIndex, classifyItem, type ClassifyOptions } from '../domain/classify/classify.ts';
import type { Claim } from '../domain/types.ts';
import type { Classifier } from '../ports/index.ts';

/** A classifier for these claims; `options` overrides the measured thresholds (tests, experiments). */
export function createLocalClassifier(claims: Claim[], options: ClassifyOptions = {}): Classifier {
  const index = buildClaimIndex(claims);
  return {
    name: 'local rules',
    async classify(items) {
      return items.map((item) => classifyItem(index, item, options));
    },
  };
}

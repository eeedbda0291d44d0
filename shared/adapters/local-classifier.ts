// Classifier port over the in-process rules: no network, no model download, fast enough for Lambda.
import { buildClaimIndex, classifyItem, type ClassifyOptions } from '../domain/classify/classify.ts';
import type { Claim } from '../domain/types.ts';
import type { Classifier } from '../ports/index.ts';

export function createLocalClassifier(claims: Claim[], options: ClassifyOptions = {}): Classifier {
  const index = buildClaimIndex(claims);
  return {
    name: 'local rules',
    async classify(items) {
      return items.map((item) => classifyItem(index, item, options));
    },
  };
}

// Reclassify: after the claims file changes, re-score stored items from their S3 copies and
// replace their classification and claim links.
import type { StoredItem } from '../domain/types.ts';
import type { Archive, Classifier, Log, Progress, Store } from '../ports/index.ts';

export interface ReclassifyDeps {
  store: Store;
  archive: Archive;
  classifier: Classifier;
  log: Log;
  progress: Progress;
}

export async function reclassify(deps: ReclassifyDeps, input: { batchSize?: number } = {}) {
  const stored = await deps.store.listAllItems();
  const batchSize = input.batchSize ?? 200;
  let changed = 0;
  let linked = 0;
  let missing = 0;
  for (let i = 0; i < stored.length; i += batchSize) {
    const batch: StoredItem[] = [];
    for (const item of stored.slice(i, i + batchSize)) {
      const copy = item.archiveKey ? await deps.archive.getItem(item.archiveKey) : undefined;
      if (!copy && item.textInArchive) {
        missing++;
        deps.log.warn('item has no S3 copy; skipped', { itemId: item.id });
        continue;
      }
      if (!copy) missing++;
      batch.push({ ...item, title: copy?.title ?? item.title, text: copy?.text ?? item.text });
    }
    const verdicts = await deps.classifier.classify(batch.map((b) => ({ id: b.id, title: b.title, text: b.text, date: b.publishedAt, language: b.language })));
    const byId = new Map(batch.map((b) => [b.id, b]));
    for (const v of verdicts) {
      const item = byId.get(v.id)!;
      const before = JSON.stringify([item.relevant, item.topics, item.claims]);
      if (before !== JSON.stringify([v.relevant, v.topics, v.claims])) {
        await deps.store.replaceClassification(item, v);
        changed++;
      }
      if (v.claims.length) linked++;
    }
    deps.progress.stage('classify', `${Math.min(i + batchSize, stored.length)}/${stored.length} items`);
  }
  return { items: stored.length, changed, linked, missing };
}

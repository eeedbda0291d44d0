// Plan: split the feeds into small batches and enqueue one message each, so ingestion scales with
// the number of feeds (one worker invocation per batch, retried and dead-lettered on its own).
import type { FeedSpec } from '../domain/types.ts';
import type { FeedBatch, FeedQueue, Log } from '../ports/index.ts';

export async function planIngest(
  deps: { queue: FeedQueue; feeds: FeedSpec[]; log: Log },
  input: { runId: string; batchSize?: number },
): Promise<{ batches: number; feeds: number }> {
  const size = Math.max(1, input.batchSize ?? 5);
  const batches: FeedBatch[] = [];
  for (let i = 0; i < deps.feeds.length; i += size) {
    batches.push({ runId: `${input.runId}-${i / size}`, feedIds: deps.feeds.slice(i, i + size).map((f) => f.id) });
  }
  await deps.queue.enqueue(batches);
  deps.log.info('feed batches enqueued', { runId: input.runId, batches: batches.length, feeds: deps.feeds.length });
  return { batches: batches.length, feeds: deps.feeds.length };
}

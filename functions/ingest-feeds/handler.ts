// SQS (feed batches) → ingest-feeds → FeedSource, Classifier, Archive (S3), Store (DynamoDB)
// Partial batch failures: a batch whose items could not all be stored is returned for retry;
// after three receives it goes to the dead-letter queue.
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { parseFeedBatch } from '../../shared/adapters/sqs-feed-queue.ts';
import { lambdaContext } from '../../shared/runtime/lambda.ts';
import { ingest, runRecordOf } from '../../shared/use-cases/ingest.ts';

export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const { deps, flush } = await lambdaContext();
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  try {
    for (const record of event.Records) {
      try {
        const batch = parseFeedBatch(record.body);
        const ids = new Set(batch.feedIds);
        const feeds = deps.feeds.filter((f) => ids.has(f.id));
        const startedAt = deps.clock.now();
        const result = await ingest(deps, {
          runId: batch.runId,
          feeds,
          deadline: new Date(startedAt.getTime() + deps.env.fetch.runTimeoutMs),
        });
        await deps.store.putRun({ ...runRecordOf(result, batch.runId, startedAt), finishedAt: deps.clock.now().toISOString() });
        if (result.failed > 0) batchItemFailures.push({ itemIdentifier: record.messageId });
      } catch (e) {
        deps.log.error('feed batch failed', { messageId: record.messageId, error: (e as Error).message });
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures };
  } finally {
    flush();
  }
};

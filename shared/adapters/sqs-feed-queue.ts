// FeedQueue on SQS: the planner sends one message per batch of feeds; ingest workers consume them.
// Flow: plan-ingest → SqsFeedQueue → SQS → ingest-feeds
import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { ClaimwatchError } from '../errors.ts';
import type { FeedBatch, FeedQueue } from '../ports/index.ts';

export class SqsFeedQueue implements FeedQueue {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async enqueue(batches: FeedBatch[]): Promise<void> {
    for (let i = 0; i < batches.length; i += 10) {
      const chunk = batches.slice(i, i + 10);
      const res = await this.sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: this.queueUrl,
          Entries: chunk.map((b, j) => ({ Id: String(i + j), MessageBody: JSON.stringify(b) })),
        }),
      );
      if (res.Failed?.length) {
        throw new ClaimwatchError('internal', `SQS refused ${res.Failed.length} feed batches: ${res.Failed.map((f) => f.Code).join(', ')}`);
      }
    }
  }
}

/** Parses an SQS message body into a FeedBatch; throws on anything else. */
export function parseFeedBatch(body: string): FeedBatch {
  const v = JSON.parse(body) as Partial<FeedBatch>;
  if (typeof v.runId !== 'string' || !Array.isArray(v.feedIds) || v.feedIds.some((f) => typeof f !== 'string')) {
    throw new ClaimwatchError('input_invalid', 'feed batch message must be {"runId": string, "feedIds": string[]}');
  }
  return { runId: v.runId, feedIds: v.feedIds };
}

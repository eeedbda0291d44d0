// Scheduler (every 30 min) → plan-ingest → ingest seeds; SQS ← one message per batch of feeds
import { SQSClient } from '@aws-sdk/client-sqs';
import { seedEntries } from '../../shared/adapters/seed-source.ts';
import { SqsFeedQueue } from '../../shared/adapters/sqs-feed-queue.ts';
import { ConfigError } from '../../shared/errors.ts';
import { lambdaContext } from '../../shared/runtime/lambda.ts';
import { ingest } from '../../shared/use-cases/ingest.ts';
import { planIngest } from '../../shared/use-cases/plan-ingest.ts';

const sqs = new SQSClient({ maxAttempts: 5 });

export const handler = async (event: { id?: string } = {}) => {
  const { deps, flush } = await lambdaContext();
  try {
    const queueUrl = deps.env.ingestQueueUrl;
    if (!queueUrl) throw new ConfigError('CLAIMWATCH_INGEST_QUEUE_URL is required by plan-ingest');
    const runId = event.id ?? deps.clock.now().toISOString();
    // Seeds first: idempotent (known ids are skipped), so this costs one batch read after the first run.
    const seeds = await ingest(deps, { runId: `${runId}-seeds`, feeds: [], extraEntries: seedEntries() });
    const plan = await planIngest({ queue: new SqsFeedQueue(sqs, queueUrl), feeds: deps.feeds, log: deps.log }, { runId });
    return { ...plan, seedsNew: seeds.new };
  } finally {
    flush();
  }
};

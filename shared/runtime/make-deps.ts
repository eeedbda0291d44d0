// Composition root shared by the Lambda handlers and the CLI: picks adapters from the validated env.
// AWS when CLAIMWATCH_TABLE_NAME/CLAIMWATCH_BUCKET_NAME are set, embedded servers otherwise;
// Slack when a bot token is configured, the terminal otherwise.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import claimsJson from '../../seeds/claims.json' with { type: 'json' };
import feedsJson from '../../seeds/feeds.json' with { type: 'json' };
import { DynamoStore } from '../adapters/dynamo-store.ts';
import { createHttpFeedSource } from '../adapters/http-feed-source.ts';
import { createLocalClassifier } from '../adapters/local-classifier.ts';
import { S3Archive } from '../adapters/s3-archive.ts';
import { createSlackNotifier } from '../adapters/slack-notifier.ts';
import { createTerminalNotifier } from '../adapters/terminal-notifier.ts';
import { parseClaimsFile } from '../domain/claims.ts';
import { parseFeedsFile } from '../domain/feeds.ts';
import type { Claim, FeedSpec } from '../domain/types.ts';
import { ConfigError } from '../errors.ts';
import type { Classifier, Clock, Log, Metrics, Notifier, Progress } from '../ports/index.ts';
import { makeAwsClients, type ClientOptions } from './aws-clients.ts';
import type { Deps } from './deps.ts';
import type { Env } from './load-env.ts';
import { ensureBucket, ensureTable, startLocalServers } from './local.ts';
import { createCountingMetrics, silentProgress } from './observability.ts';

export interface MakeDepsOptions {
  log: Log;
  metrics?: Metrics;
  progress?: Progress;
  clock?: Clock;
  /** Where the terminal notifier writes the digest (CLI: stdout, or stderr with --json). */
  terminal?: Writable;
  /** SDK instrumentation (benchmark request counters, fault injection). */
  instrument?: ClientOptions['instrument'];
  /** Replace any dependency (tests). */
  overrides?: Partial<Deps>;
}

export const systemClock: Clock = { now: () => new Date() };

/** Reads a claims file (or the bundled seeds/claims.json) and validates it. */
export async function loadClaims(file: string | undefined): Promise<Claim[]> {
  if (!file) return parseClaimsFile(JSON.stringify(claimsJson), 'seeds/claims.json');
  return parseClaimsFile(await readConfigFile(file, 'claims'), file);
}

/** Reads a feeds file (or the bundled seeds/feeds.json) and validates it. */
export async function loadFeeds(file: string | undefined): Promise<FeedSpec[]> {
  if (!file) return parseFeedsFile(JSON.stringify(feedsJson), 'seeds/feeds.json');
  return parseFeedsFile(await readConfigFile(file, 'feeds'), file);
}

async function readConfigFile(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`${file}: cannot read the ${what} file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, undefined, `${what}_invalid` as 'claims_invalid');
  }
}

export async function makeDeps(env: Readonly<Env>, options: MakeDepsOptions): Promise<Deps> {
  const o = options.overrides ?? {};
  const log = o.log ?? options.log;
  const metrics = o.metrics ?? options.metrics ?? createCountingMetrics();
  const progress = o.progress ?? options.progress ?? silentProgress;
  const clock = o.clock ?? options.clock ?? systemClock;
  const closers: Array<() => Promise<void>> = [];

  const claims = o.claims ?? (await loadClaims(env.claimsFile));
  const feeds = o.feeds ?? (await loadFeeds(env.feedsFile));

  let store = o.store;
  let archive = o.archive;
  if (!store || !archive) {
    let tableName: string;
    let bucketName: string;
    let clientOptions: ClientOptions = { instrument: options.instrument };
    if (env.aws) {
      ({ tableName, bucketName } = env.aws);
    } else {
      const local = await startLocalServers(env.dataDir);
      closers.push(() => local.close());
      ({ tableName, bucketName } = local);
      clientOptions = { ...clientOptions, local: true, dynamoEndpoint: local.dynamoEndpoint, s3Endpoint: local.s3Endpoint };
      progress.stage('storage', `embedded DynamoDB ${local.dynamoEndpoint}, S3 ${local.s3Endpoint} (data in ${path.resolve(env.dataDir)})`);
    }
    const clients = makeAwsClients(clientOptions);
    closers.push(async () => {
      clients.dynamo.destroy();
      clients.s3.destroy();
    });
    if (!env.aws) {
      await ensureTable(clients.dynamo, tableName);
      await ensureBucket(clients.s3, bucketName);
    }
    store ??= new DynamoStore({ client: clients.dynamo, tableName });
    archive ??= new S3Archive({ client: clients.s3, bucketName });
  }

  const feedSource =
    o.feedSource ??
    createHttpFeedSource({
      timeoutMs: env.fetch.feedTimeoutMs,
      runTimeoutMs: env.fetch.runTimeoutMs,
      concurrency: env.fetch.concurrency,
      log,
    });

  const classifier = o.classifier ?? (await makeClassifier(env, claims, log));
  const notifier = o.notifier ?? (await makeNotifier(env, options.terminal ?? process.stdout, log));

  return {
    env,
    store,
    archive,
    feedSource,
    classifier,
    claims,
    feeds,
    notifier,
    clock,
    log,
    metrics,
    progress,
    async close() {
      for (const close of closers.reverse()) await close().catch(() => undefined);
    },
  };
}

async function makeClassifier(env: Readonly<Env>, claims: Claim[], log: Log): Promise<Classifier> {
  if (env.classifier.kind === 'bedrock') {
    const { createBedrockClassifier } = await import('../adapters/bedrock-classifier.ts');
    return createBedrockClassifier({
      claims,
      modelId: env.classifier.bedrockModelId!,
      endpoint: env.classifier.bedrockEndpoint,
      maxCalls: env.classifier.bedrockMaxCalls,
      timeoutMs: 20_000,
      maxAttempts: 3,
      log,
    });
  }
  return createLocalClassifier(claims);
}

async function makeNotifier(env: Readonly<Env>, terminal: Writable, log: Log): Promise<Notifier> {
  let token = env.slack.botToken;
  if (!token && env.slack.botTokenSecretArn) {
    const { createSecretReader } = await import('../adapters/secrets.ts');
    token = await createSecretReader({})(env.slack.botTokenSecretArn);
  }
  if (token && env.slack.channelId) {
    return createSlackNotifier({
      token,
      channelId: env.slack.channelId,
      apiUrl: env.slack.apiUrl,
      timeoutMs: 10_000,
      maxRetries: 2,
      timeZone: env.digest.timeZone,
      log,
    });
  }
  return createTerminalNotifier({ out: terminal, dataDir: env.aws ? undefined : env.dataDir });
}

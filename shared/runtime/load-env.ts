// The one place runtime code reads configuration. Handlers and the CLI call loadEnv(process.env)
// once; everything below receives the frozen result. infra/ sets these names (a test checks them).
import { ConfigError } from '../errors.ts';

/** Every environment variable claimwatch reads, with what it is for. */
export const ENV_KEYS = {
  CLAIMWATCH_STAGE: 'stage name, e.g. dev or prod (default local)',
  CLAIMWATCH_TABLE_NAME: 'DynamoDB table; with CLAIMWATCH_BUCKET_NAME selects AWS instead of the embedded servers',
  CLAIMWATCH_BUCKET_NAME: 'S3 bucket for raw feed bodies and item JSON',
  CLAIMWATCH_DATA_DIR: 'local data directory for the embedded servers and previews (default .claimwatch)',
  CLAIMWATCH_FEEDS_FILE: 'feeds file (default: the bundled seeds/feeds.json)',
  CLAIMWATCH_CLAIMS_FILE: 'claims file (default: the bundled seeds/claims.json)',
  CLAIMWATCH_INGEST_QUEUE_URL: 'SQS queue the planner sends feed batches to (Lambda)',
  CLAIMWATCH_WORKER_FUNCTION_NAME: 'function the slash command invokes asynchronously (Lambda)',
  CLAIMWATCH_DIGEST_TIMEZONE: 'IANA time zone of the daily digest (default Asia/Almaty)',
  CLAIMWATCH_DIGEST_HOUR: 'hour of the daily digest, 0-23 (default 8)',
  CLAIMWATCH_POST_EMPTY_DIGEST: 'true to post "nothing new" digests (default false)',
  CLAIMWATCH_FAILING_FEED_THRESHOLD: 'consecutive failures before a feed is shown as failing (default 3)',
  CLAIMWATCH_FEED_TIMEOUT_MS: 'per-request feed timeout (default 10000)',
  CLAIMWATCH_RUN_TIMEOUT_MS: 'deadline for fetching all feeds in one run (default 240000)',
  CLAIMWATCH_FEED_CONCURRENCY: 'feeds fetched at once, at most one per host (default 8)',
  CLAIMWATCH_CLASSIFIER: 'local (default) or bedrock',
  CLAIMWATCH_BEDROCK_MODEL_ID: 'Bedrock model id for the bedrock classifier',
  CLAIMWATCH_BEDROCK_MAX_CALLS: 'per-run budget of Bedrock calls (default 200)',
  BEDROCK_ENDPOINT_URL: 'overrides the Bedrock runtime endpoint (tests)',
  SLACK_CHANNEL_ID: 'channel the digest is posted to',
  SLACK_BOT_TOKEN: 'bot token (local runs); in Lambda use SLACK_BOT_TOKEN_SECRET_ARN',
  SLACK_SIGNING_SECRET: 'signing secret (local runs); in Lambda use SLACK_SIGNING_SECRET_ARN',
  SLACK_BOT_TOKEN_SECRET_ARN: 'Secrets Manager ARN of the bot token (Lambda)',
  SLACK_SIGNING_SECRET_ARN: 'Secrets Manager ARN of the signing secret (Lambda)',
  SLACK_API_URL: 'overrides the Slack Web API base, e.g. http://127.0.0.1:3000/api/',
} as const;

export type EnvKey = keyof typeof ENV_KEYS;

export interface Env {
  stage: string;
  /** AWS mode when both are set; embedded local servers otherwise. */
  aws?: { tableName: string; bucketName: string };
  dataDir: string;
  feedsFile?: string;
  claimsFile?: string;
  ingestQueueUrl?: string;
  workerFunctionName?: string;
  digest: { timeZone: string; hour: number; postEmpty: boolean; failingFeedThreshold: number };
  fetch: { feedTimeoutMs: number; runTimeoutMs: number; concurrency: number };
  classifier: { kind: 'local' | 'bedrock'; bedrockModelId?: string; bedrockMaxCalls: number; bedrockEndpoint?: string };
  slack: {
    channelId?: string;
    botToken?: string;
    signingSecret?: string;
    botTokenSecretArn?: string;
    signingSecretArn?: string;
    apiUrl?: string;
  };
}

type Source = Record<string, string | undefined>;

/**
 * Reads and validates the environment once. Throws one ConfigError naming every key at fault.
 */
export function loadEnv(source: Source): Readonly<Env> {
  const problems: string[] = [];
  const str = (key: EnvKey): string | undefined => {
    const v = source[key];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };
  const int = (key: EnvKey, fallback: number, min: number, max: number): number => {
    const v = str(key);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${key} must be an integer from ${min} to ${max}, got "${v}"`);
      return fallback;
    }
    return n;
  };
  const bool = (key: EnvKey, fallback: boolean): boolean => {
    const v = str(key);
    if (v === undefined) return fallback;
    if (/^(true|1|yes)$/i.test(v)) return true;
    if (/^(false|0|no)$/i.test(v)) return false;
    problems.push(`${key} must be true or false, got "${v}"`);
    return fallback;
  };

  const tableName = str('CLAIMWATCH_TABLE_NAME');
  const bucketName = str('CLAIMWATCH_BUCKET_NAME');
  if ((tableName === undefined) !== (bucketName === undefined)) {
    problems.push(
      `CLAIMWATCH_TABLE_NAME and CLAIMWATCH_BUCKET_NAME go together: set both for AWS or neither for the embedded servers (missing ${tableName ? 'CLAIMWATCH_BUCKET_NAME' : 'CLAIMWATCH_TABLE_NAME'})`,
    );
  }

  const timeZone = str('CLAIMWATCH_DIGEST_TIMEZONE') ?? 'Asia/Almaty';
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    problems.push(`CLAIMWATCH_DIGEST_TIMEZONE must be an IANA time zone such as Asia/Almaty, got "${timeZone}"`);
  }

  const classifierKind = str('CLAIMWATCH_CLASSIFIER') ?? 'local';
  if (classifierKind !== 'local' && classifierKind !== 'bedrock') {
    problems.push(`CLAIMWATCH_CLASSIFIER must be local or bedrock, got "${classifierKind}"`);
  }
  const bedrockModelId = str('CLAIMWATCH_BEDROCK_MODEL_ID');
  if (classifierKind === 'bedrock' && !bedrockModelId) {
    problems.push('CLAIMWATCH_BEDROCK_MODEL_ID is required when CLAIMWATCH_CLASSIFIER=bedrock');
  }

  const apiUrl = str('SLACK_API_URL');
  if (apiUrl !== undefined && !/^https?:\/\/[^\s]+\/$/.test(apiUrl)) {
    problems.push(`SLACK_API_URL must be an http(s) URL ending in "/", got "${apiUrl}"`);
  }
  const channelId = str('SLACK_CHANNEL_ID');
  const botToken = str('SLACK_BOT_TOKEN');
  const botTokenSecretArn = str('SLACK_BOT_TOKEN_SECRET_ARN');
  if ((botToken || botTokenSecretArn) && !channelId) {
    problems.push('SLACK_CHANNEL_ID is required when a Slack bot token is configured');
  }

  const env: Env = {
    stage: str('CLAIMWATCH_STAGE') ?? 'local',
    aws: tableName && bucketName ? { tableName, bucketName } : undefined,
    dataDir: str('CLAIMWATCH_DATA_DIR') ?? '.claimwatch',
    feedsFile: str('CLAIMWATCH_FEEDS_FILE'),
    claimsFile: str('CLAIMWATCH_CLAIMS_FILE'),
    ingestQueueUrl: str('CLAIMWATCH_INGEST_QUEUE_URL'),
    workerFunctionName: str('CLAIMWATCH_WORKER_FUNCTION_NAME'),
    digest: {
      timeZone,
      hour: int('CLAIMWATCH_DIGEST_HOUR', 8, 0, 23),
      postEmpty: bool('CLAIMWATCH_POST_EMPTY_DIGEST', false),
      failingFeedThreshold: int('CLAIMWATCH_FAILING_FEED_THRESHOLD', 3, 1, 1000),
    },
    fetch: {
      feedTimeoutMs: int('CLAIMWATCH_FEED_TIMEOUT_MS', 10_000, 100, 120_000),
      runTimeoutMs: int('CLAIMWATCH_RUN_TIMEOUT_MS', 240_000, 1_000, 900_000),
      concurrency: int('CLAIMWATCH_FEED_CONCURRENCY', 8, 1, 64),
    },
    classifier: {
      kind: classifierKind === 'bedrock' ? 'bedrock' : 'local',
      bedrockModelId,
      bedrockMaxCalls: int('CLAIMWATCH_BEDROCK_MAX_CALLS', 200, 0, 100_000),
      bedrockEndpoint: str('BEDROCK_ENDPOINT_URL'),
    },
    slack: {
      channelId,
      botToken,
      signingSecret: str('SLACK_SIGNING_SECRET'),
      botTokenSecretArn,
      signingSecretArn: str('SLACK_SIGNING_SECRET_ARN'),
      apiUrl,
    },
  };

  if (problems.length > 0) {
    throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`, problems);
  }
  return Object.freeze(env);
}

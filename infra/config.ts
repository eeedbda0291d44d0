// Typed per-stage settings. Only infra/app.ts chooses the stage; stacks get these as props.
// Feeds and claims are not settings here: the handlers import seeds/feeds.json and
// seeds/claims.json, so esbuild bundles them and a change to either ships with the next deploy.
// Slack secrets have no names here: the bot stack creates them with generated names (no physical
// names) and outputs their ARNs, which docs/deploy.md uses to store the values.

export interface StageConfig {
  stage: string;
  /** Minutes between ingestion runs (EventBridge Scheduler rate). */
  ingestEveryMinutes: number;
  /** The daily digest: hour (0-23) in an IANA time zone (Scheduler's scheduleExpressionTimezone). */
  digest: { hour: number; timeZone: string };
  /** Channel the digest is posted to (`-c slackChannelId=C…`); the placeholder posts nowhere. */
  slackChannelId: string;
  /** Where alarms are e-mailed (`-c alarmEmail=…`); without it the SNS topic has no subscriber. */
  alarmEmail?: string;
  logRetentionDays: 7 | 14 | 30 | 90 | 180 | 365;
  /** `local` runs in the function; `bedrock` needs bedrockModelId and is granted InvokeModel on it. */
  classifier: 'local' | 'bedrock';
  bedrockModelId?: string;
  /** X-Ray active tracing on every function (a few cents a month at the default schedule). */
  tracing: boolean;
  /** Days raw feed copies (`feeds/` in the bucket) are kept. */
  rawFeedDays: number;
  /** Hours without a posted digest before the DigestNotPosted alarm fires (a day plus a margin). */
  digestAlarmHours: number;
}

/** The channel id used when none is configured: the digest function then fails with channel_not_found. */
export const PLACEHOLDER_CHANNEL = 'C0000000000';

const base: Omit<StageConfig, 'stage'> = {
  ingestEveryMinutes: 30,
  digest: { hour: 8, timeZone: 'Asia/Almaty' },
  slackChannelId: PLACEHOLDER_CHANNEL,
  logRetentionDays: 30,
  classifier: 'local',
  tracing: true,
  rawFeedDays: 90,
  digestAlarmHours: 26,
};

export const STAGES: Record<string, StageConfig> = {
  dev: { ...base, stage: 'dev', logRetentionDays: 7, rawFeedDays: 30 },
  prod: { ...base, stage: 'prod', logRetentionDays: 90 },
};

/** Overrides of a stage's settings; undefined values keep the stage's own. */
export type StageOverrides = Partial<Omit<StageConfig, 'digest' | 'stage'>> & { digest?: Partial<StageConfig['digest']> };

const definedOnly = <T extends object>(o: T | undefined): Partial<T> =>
  Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;

/** Settings of a stage with overrides (from CDK context); throws on an unknown stage or a bad value. */
export function stageConfig(stage: string, overrides: StageOverrides = {}): StageConfig {
  const cfg = STAGES[stage];
  if (!cfg) throw new Error(`unknown stage "${stage}": one of ${Object.keys(STAGES).join(', ')}`);
  const out: StageConfig = {
    ...cfg,
    ...definedOnly(overrides),
    digest: { ...cfg.digest, ...definedOnly(overrides.digest) },
  } as StageConfig;
  const problems: string[] = [];
  if (!Number.isInteger(out.digest.hour) || out.digest.hour < 0 || out.digest.hour > 23) problems.push(`digest hour must be 0-23, got ${out.digest.hour}`);
  try {
    new Intl.DateTimeFormat('en', { timeZone: out.digest.timeZone });
  } catch {
    problems.push(`digest time zone must be an IANA name such as Asia/Almaty, got "${out.digest.timeZone}"`);
  }
  if (!/^[CG][A-Z0-9]{6,}$/.test(out.slackChannelId)) problems.push(`slackChannelId must be a Slack channel id such as C0123456789, got "${out.slackChannelId}"`);
  if (out.classifier !== 'local' && out.classifier !== 'bedrock') problems.push(`classifier must be local or bedrock, got "${out.classifier as string}"`);
  if (out.classifier === 'bedrock' && !out.bedrockModelId) problems.push('bedrockModelId is required when classifier is bedrock');
  if (!Number.isInteger(out.ingestEveryMinutes) || out.ingestEveryMinutes < 1) problems.push(`ingestEveryMinutes must be a positive integer, got ${out.ingestEveryMinutes}`);
  if (out.digestAlarmHours < 24) problems.push(`digestAlarmHours must be at least 24, got ${out.digestAlarmHours}`);
  if (problems.length) throw new Error(`invalid settings for stage "${stage}":\n  - ${problems.join('\n  - ')}`);
  return out;
}

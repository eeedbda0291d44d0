// Typed per-stage settings. Only infra/app.ts chooses the stage; stacks get these as props.

export interface StageConfig {
  stage: string;
  /** Minutes between ingestion runs. */
  ingestEveryMinutes: number;
  digest: { hour: number; timeZone: string };
  slackChannelId: string;
  /** Slack secrets are created empty by the bot stack; the README says how to fill them. */
  secretNames: { botToken: string; signingSecret: string };
  alarmEmail?: string;
  logRetentionDays: 7 | 14 | 30 | 90;
  classifier: 'local' | 'bedrock';
  /** Days raw feed copies are kept in S3. */
  rawFeedDays: number;
}

const base: Omit<StageConfig, 'stage'> = {
  ingestEveryMinutes: 30,
  digest: { hour: 8, timeZone: 'Asia/Almaty' },
  slackChannelId: 'C0000000000',
  secretNames: { botToken: 'claimwatch/slack-bot-token', signingSecret: 'claimwatch/slack-signing-secret' },
  logRetentionDays: 30,
  classifier: 'local',
  rawFeedDays: 90,
};

export const STAGES: Record<string, StageConfig> = {
  dev: { ...base, stage: 'dev', logRetentionDays: 7, rawFeedDays: 30 },
  prod: { ...base, stage: 'prod', logRetentionDays: 90 },
};

export function stageConfig(stage: string, overrides: Partial<StageConfig> = {}): StageConfig {
  const cfg = STAGES[stage];
  if (!cfg) throw new Error(`unknown stage "${stage}": one of ${Object.keys(STAGES).join(', ')}`);
  return { ...cfg, ...overrides, secretNames: { ...cfg.secretNames, ...overrides.secretNames } };
}

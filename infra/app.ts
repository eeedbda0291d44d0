// The CDK app: the only place in infra/ that reads the environment or picks a stage.
//   npx cdk synth|deploy [-c stage=prod] [-c slackChannelId=C…] [-c alarmEmail=ops@example.com]
//                        [-c classifier=bedrock -c bedrockModelId=…]
// Stateful resources (table, bucket) live in the data stack, which is retained; everything else is
// in the bot stack. cdk-nag's AwsSolutions checks run as a validation plugin on every synth.
import { App, type Environment, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { type StageConfig, type StageOverrides, stageConfig } from './config.ts';
import { BotStack } from './stacks/bot-stack.ts';
import { DataStack } from './stacks/data-stack.ts';

/** Adds the data and bot stacks of a stage to the app, with cdk-nag on. */
export function buildApp(app: App, stage: string, overrides: StageOverrides = {}, env?: Environment) {
  const config = stageConfig(stage, overrides);
  const data = new DataStack(app, `Claimwatch-${stage}-Data`, {
    env,
    rawFeedDays: config.rawFeedDays,
    description: `claimwatch ${stage}: table and bucket (retained)`,
  });
  const bot = new BotStack(app, `Claimwatch-${stage}-Bot`, {
    env,
    config,
    table: data.table,
    bucket: data.bucket,
    dataStackName: data.stackName,
    description: `claimwatch ${stage}: functions, schedules, queues, alarms`,
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { data, bot, config };
}

/** Stage and overrides from CDK context (`-c key=value`) and CLAIMWATCH_STAGE. */
export function settingsFromContext(app: App, environ: Record<string, string | undefined>): { stage: string; overrides: StageOverrides } {
  const ctx = (key: string): string | undefined => {
    const v = app.node.tryGetContext(key) as unknown;
    return v === undefined || v === null || v === '' ? undefined : String(v);
  };
  const hour = ctx('digestHour');
  const timeZone = ctx('digestTimeZone');
  return {
    stage: ctx('stage') ?? environ.CLAIMWATCH_STAGE ?? 'dev',
    overrides: {
      slackChannelId: ctx('slackChannelId'),
      alarmEmail: ctx('alarmEmail'),
      classifier: ctx('classifier') as StageConfig['classifier'] | undefined,
      bedrockModelId: ctx('bedrockModelId'),
      digest: { hour: hour === undefined ? undefined : Number(hour), timeZone },
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const app = new App();
  const { stage, overrides } = settingsFromContext(app, process.env);
  buildApp(app, stage, overrides, { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION });
  app.synth();
}

// The CDK app: the only place in infra/ that reads the environment or picks a stage.
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { stageConfig } from './config.ts';
import { BotStack } from './stacks/bot-stack.ts';
import { DataStack } from './stacks/data-stack.ts';

export function buildApp(app: App, stage: string, alarmEmail?: string) {
  const config = stageConfig(stage, alarmEmail ? { alarmEmail } : {});
  const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
  const data = new DataStack(app, `Claimwatch-${stage}-Data`, { env, rawFeedDays: config.rawFeedDays });
  const bot = new BotStack(app, `Claimwatch-${stage}-Bot`, { env, config, table: data.table, bucket: data.bucket, dataStackName: data.stackName });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { data, bot, config };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const app = new App();
  const stage = (app.node.tryGetContext('stage') as string | undefined) ?? process.env.CLAIMWATCH_STAGE ?? 'dev';
  buildApp(app, stage, app.node.tryGetContext('alarmEmail') as string | undefined);
  app.synth();
}

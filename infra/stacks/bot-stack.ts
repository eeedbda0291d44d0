// Stateless resources: the functions, their schedules, the ingest fan-out queue, the slash
// command's Function URL and worker, the Slack secrets, alarms and a dashboard.
import { CfnOutput, Duration, Stack, type StackProps, TimeZone, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Dashboard, GraphWidget, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { type CfnFunction, FunctionUrlAuthType } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { StageConfig } from '../config.ts';
import { BotFunction } from '../constructs/bot-function.ts';

export interface BotStackProps extends StackProps {
  config: StageConfig;
  table: ITableV2;
  bucket: IBucket;
  /** Name of the data stack (its export names appear in the nag findings acknowledged here). */
  dataStackName: string;
}

export class BotStack extends Stack {
  constructor(scope: Construct, id: string, props: BotStackProps) {
    super(scope, id, props);
    const { config, table, bucket } = props;

    const botToken = new Secret(this, 'SlackBotToken', { description: 'Slack bot token (xoxb-…) for claimwatch' });
    const signingSecret = new Secret(this, 'SlackSigningSecret', { description: 'Slack signing secret for the /claimwatch command' });
    for (const s of [botToken, signingSecret]) {
      Validations.of(s).acknowledge({ id: 'AwsSolutions-SMG4', reason: 'Slack tokens cannot be rotated by a Lambda; they are rotated in the Slack app settings.' });
    }

    const dlq = new Queue(this, 'IngestDeadLetters', { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });
    Validations.of(dlq).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'This is the dead-letter queue.' });
    const ingestTimeout = Duration.minutes(5);
    const queue = new Queue(this, 'IngestQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.minutes(30), // ≥ 6 × the worker's timeout
      deadLetterQueue: { queue: dlq, maxReceiveCount: 3 },
    });

    const common = {
      CLAIMWATCH_STAGE: config.stage,
      CLAIMWATCH_TABLE_NAME: table.tableName,
      CLAIMWATCH_BUCKET_NAME: bucket.bucketName,
      CLAIMWATCH_DIGEST_TIMEZONE: config.digest.timeZone,
      CLAIMWATCH_DIGEST_HOUR: String(config.digest.hour),
      CLAIMWATCH_CLASSIFIER: config.classifier,
      SLACK_CHANNEL_ID: config.slackChannelId,
      SLACK_BOT_TOKEN_SECRET_ARN: botToken.secretArn,
    };
    const fn = (name: string, memorySize: number, timeout: Duration, environment: Record<string, string> = {}) =>
      new BotFunction(this, name.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase()), {
        name,
        memorySize,
        timeout,
        environment: { ...common, ...environment },
        logRetentionDays: config.logRetentionDays,
      }).fn;

    // Memory: classification is CPU-bound and Lambda CPU scales with memory; 1024 MB keeps a batch of
    // feeds well under a minute. The planner and digest do little work: 512 MB. The slash command
    // only verifies and forwards: 256 MB, 10 s (Slack waits 3 s).
    const planner = fn('plan-ingest', 512, Duration.minutes(2), { CLAIMWATCH_INGEST_QUEUE_URL: queue.queueUrl, CLAIMWATCH_RUN_TIMEOUT_MS: '90000' });
    const ingest = fn('ingest-feeds', 1024, ingestTimeout, { CLAIMWATCH_RUN_TIMEOUT_MS: '240000' });
    const digest = fn('send-digest', 512, Duration.minutes(2));
    const worker = fn('slack-worker', 1024, Duration.minutes(10));
    const workerFailures = new Queue(this, 'SlackWorkerFailures', { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });
    Validations.of(workerFailures).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'This queue is the on-failure destination of the slack worker.' });
    worker.configureAsyncInvoke({ retryAttempts: 1, maxEventAge: Duration.hours(1), onFailure: new SqsDestination(workerFailures) });
    const command = fn('slack-command', 256, Duration.seconds(10), {
      CLAIMWATCH_WORKER_FUNCTION_NAME: worker.functionName,
      SLACK_SIGNING_SECRET_ARN: signingSecret.secretArn,
    });

    ingest.addEventSource(new SqsEventSource(queue, { batchSize: 2, reportBatchItemFailures: true }));
    queue.grantSendMessages(planner);
    for (const f of [planner, ingest, digest, worker]) {
      table.grantReadWriteData(f);
      bucket.grantReadWrite(f);
      botToken.grantRead(f);
    }
    for (const f of [planner, ingest, digest, worker]) {
      // Wildcards generated by grantReadWrite on the one bucket and table of the data stack.
      for (const finding of ['Action::s3:Abort*', 'Action::s3:DeleteObject*', 'Action::s3:GetBucket*', 'Action::s3:GetObject*', 'Action::s3:List*']) {
        Validations.of(f.role!).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason: 'S3 action groups from grantReadWrite, limited to the claimwatch bucket.' });
      }
      // The bucket's objects (`<bucket arn>/*`) and the table's indexes (`<table arn>/index/*`); the
      // finding ids embed cross-stack export names, so the rule is acknowledged on these roles only.
      for (const resource of [`${props.dataStackName}:ExportsOutputFnGetAttClaimwatchBucketArn0C352C8A/*`, `${props.dataStackName}:ExportsOutputFnGetAttClaimwatchTableArn747C2D05/index/*`]) {
        Validations.of(f.role!).acknowledge({ id: `AwsSolutions-IAM5[Resource::${resource}]`, reason: 'Objects of the claimwatch bucket and indexes of its table only, from grant*.' });
      }
    }
    signingSecret.grantRead(command);
    worker.grantInvoke(command);
    Validations.of(command.role!).acknowledge({ id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(worker.node.defaultChild as CfnFunction)}.Arn>:*]`, reason: 'Invoking the worker function and its versions, from grantInvoke.' });
    const url = command.addFunctionUrl({ authType: FunctionUrlAuthType.NONE });

    for (const [sid, target] of [['IngestSchedule', planner], ['DigestSchedule', digest]] as const) {
      Validations.of(this).acknowledge({ id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(target.node.defaultChild as CfnFunction)}.Arn>:*]`, reason: `The ${sid} role may invoke only its target function and its versions.` });
    }
    new Schedule(this, 'IngestSchedule', {
      schedule: ScheduleExpression.rate(Duration.minutes(config.ingestEveryMinutes)),
      target: new LambdaInvoke(planner, {}),
      description: 'claimwatch ingestion',
    });
    new Schedule(this, 'DigestSchedule', {
      schedule: ScheduleExpression.cron({ minute: '0', hour: String(config.digest.hour), timeZone: TimeZone.of(config.digest.timeZone) }),
      target: new LambdaInvoke(digest, {}),
      description: 'claimwatch daily digest',
    });

    // Alarms → SNS
    const topic = new Topic(this, 'Alarms', { enforceSSL: true });
    if (config.alarmEmail) topic.addSubscription(new EmailSubscription(config.alarmEmail));
    const alarm = (aid: string, a: Alarm) => a.addAlarmAction(new SnsAction(topic));
    for (const [name, f] of Object.entries({ PlanIngest: planner, IngestFeeds: ingest, SendDigest: digest, SlackWorker: worker, SlackCommand: command })) {
      alarm(name, new Alarm(this, `${name}Errors`, { metric: f.metricErrors({ period: Duration.minutes(15) }), threshold: 1, evaluationPeriods: 1, treatMissingData: TreatMissingData.NOT_BREACHING }));
    }
    alarm('Dlq', new Alarm(this, 'IngestDeadLettersNotEmpty', { metric: dlq.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }), threshold: 1, evaluationPeriods: 1, treatMissingData: TreatMissingData.NOT_BREACHING }));
    const business = (metricName: string, period: Duration) => new Metric({ namespace: 'Claimwatch', metricName, dimensionsMap: { service: 'claimwatch' }, statistic: 'Sum', period });
    alarm('NoItems', new Alarm(this, 'NoItemsIngested24h', { metric: business('ItemsIngested', Duration.hours(24)), threshold: 1, comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD, evaluationPeriods: 1, treatMissingData: TreatMissingData.BREACHING }));
    alarm('NoDigest', new Alarm(this, 'DigestNotPosted', { metric: business('DigestsPosted', Duration.hours(26)), threshold: 1, comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD, evaluationPeriods: 1, treatMissingData: TreatMissingData.BREACHING }));

    new Dashboard(this, 'Dashboard', {
      widgets: [
        [
          new GraphWidget({ title: 'Items and claims', left: ['ItemsIngested', 'ClaimLinks', 'ClaimUpdates'].map((m) => business(m, Duration.hours(1))) }),
          new GraphWidget({ title: 'Feeds and digests', left: ['FeedFailures', 'DigestsPosted'].map((m) => business(m, Duration.hours(1))) }),
        ],
        [new GraphWidget({ title: 'Function errors', left: [planner, ingest, digest, worker, command].map((f) => f.metricErrors()) }), new GraphWidget({ title: 'Ingest duration', left: [ingest.metricDuration()] })],
      ],
    });

    new CfnOutput(this, 'SlashCommandUrl', { value: url.url });
    new CfnOutput(this, 'SlackBotTokenSecret', { value: botToken.secretArn });
    new CfnOutput(this, 'SlackSigningSecretArn', { value: signingSecret.secretArn });
  }
}

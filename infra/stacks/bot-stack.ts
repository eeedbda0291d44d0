// Stateless resources: the functions, their schedules, the ingest fan-out queue, the slash
// command's Function URL and worker, the Slack secrets, alarms and a dashboard.
//
//   Scheduler (rate) ──▶ plan-ingest ──▶ SQS IngestQueue ──▶ ingest-feeds ──▶ DynamoDB, S3
//                                              └─ after 3 receives ─▶ IngestDeadLetters
//   Scheduler (cron, time zone) ──▶ send-digest ──▶ DynamoDB ──▶ Slack
//   Slack ──▶ Function URL ──▶ slack-command ──async──▶ slack-worker ──▶ response_url
//                                                          └─ on failure ─▶ SlackWorkerFailures
import {
  Annotations,
  CfnOutput,
  CrossStackReferences,
  Duration,
  ReferenceStrength,
  Stack,
  type StackProps,
  TimeZone,
  Validations,
} from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  Metric,
  SingleValueWidget,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { type CfnFunction, FunctionUrlAuthType, type IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { PLACEHOLDER_CHANNEL, type StageConfig } from '../config.ts';
import { BotFunction, type BotFunctionProps } from '../constructs/bot-function.ts';

export interface BotStackProps extends StackProps {
  config: StageConfig;
  table: ITableV2;
  bucket: IBucket;
  /** Name of the data stack: its export names appear in the IAM findings acknowledged here. */
  dataStackName: string;
}

/** Feed batches one ingest invocation takes from the queue (each batch holds up to 5 feeds). */
const INGEST_BATCH_SIZE = 2;
/** Fetch deadline per batch; INGEST_BATCH_SIZE of them run one after the other in one invocation. */
const INGEST_RUN_TIMEOUT = Duration.minutes(2);

export class BotStack extends Stack {
  /** The functions by folder name (tests and the dashboard use them). */
  readonly functions: Record<BotFunctionProps['name'], NodejsFunction>;
  readonly alarmTopic: Topic;

  constructor(scope: Construct, id: string, props: BotStackProps) {
    super(scope, id, props);
    // The data stack is retained and long-lived: strong references (exports) keep it from being
    // deleted while this stack uses it. Set before any child is added.
    CrossStackReferences.of(this).consume(ReferenceStrength.STRONG);
    const { config, table, bucket } = props;

    // ── Secrets: created empty, filled by the user (docs/deploy.md), read at runtime by ARN and cached.
    const botToken = new Secret(this, 'SlackBotToken', { description: `claimwatch ${config.stage}: Slack bot token (xoxb-…)` });
    const signingSecret = new Secret(this, 'SlackSigningSecret', { description: `claimwatch ${config.stage}: Slack signing secret` });
    for (const s of [botToken, signingSecret]) {
      Validations.of(s).acknowledge({
        id: 'AwsSolutions-SMG4',
        reason: 'Slack issues these values; they are rotated in the Slack app settings, which a rotation Lambda cannot do.',
      });
    }

    // ── Functions. Memory also buys CPU (1,769 MB = one vCPU), so CPU-bound work gets more.
    const common = {
      CLAIMWATCH_STAGE: config.stage,
      CLAIMWATCH_TABLE_NAME: table.tableName,
      CLAIMWATCH_BUCKET_NAME: bucket.bucketName,
      CLAIMWATCH_DIGEST_TIMEZONE: config.digest.timeZone,
      CLAIMWATCH_DIGEST_HOUR: String(config.digest.hour),
      CLAIMWATCH_CLASSIFIER: config.classifier,
      ...(config.bedrockModelId ? { CLAIMWATCH_BEDROCK_MODEL_ID: config.bedrockModelId } : {}),
    };
    const slack = { SLACK_CHANNEL_ID: config.slackChannelId, SLACK_BOT_TOKEN_SECRET_ARN: botToken.secretArn };
    const make = (name: BotFunctionProps['name'], memorySize: number, timeout: Duration, environment: Record<string, string>) =>
      new BotFunction(this, name.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase()), {
        name,
        memorySize,
        timeout,
        environment,
        logRetentionDays: config.logRetentionDays,
        tracing: config.tracing,
      }).fn;

    // Ingest worker: fetches a batch of feeds and classifies each new item (CPU-bound, the wink
    // model loads once per container). 1,024 MB: about 0.6 vCPU; a batch of five feeds with a
    // hundred items each classifies in seconds. 5 min covers INGEST_BATCH_SIZE fetch deadlines
    // of 2 min each plus storing.
    const ingestTimeout = Duration.minutes(5);
    const dlq = new Queue(this, 'IngestDeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(dlq).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'This queue is the dead-letter queue of IngestQueue.' });
    const queue = new Queue(this, 'IngestQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // AWS guidance for Lambda consumers: at least six times the function timeout, so a message is
      // not redelivered while a throttled or retried invocation still holds it.
      visibilityTimeout: Duration.seconds(ingestTimeout.toSeconds() * 6),
      retentionPeriod: Duration.days(1),
      deadLetterQueue: { queue: dlq, maxReceiveCount: 3 },
    });
    const ingest = make('ingest-feeds', 1024, ingestTimeout, {
      ...common,
      CLAIMWATCH_RUN_TIMEOUT_MS: String(INGEST_RUN_TIMEOUT.toMilliseconds()),
    });
    ingest.addEventSource(
      new SqsEventSource(queue, {
        batchSize: INGEST_BATCH_SIZE,
        reportBatchItemFailures: true,
        // Bounds the feeds fetched at once across containers (5 feeds per message × 2 × 5).
        maxConcurrency: 5,
      }),
    );

    // Planner: stores the seed articles (idempotent, a batch read after the first run) and sends
    // one message per batch of feeds. Light work; 512 MB so the seeds' first classification is quick.
    const planner = make('plan-ingest', 512, Duration.minutes(2), { ...common, CLAIMWATCH_INGEST_QUEUE_URL: queue.queueUrl });

    // Digest: reads the window's items from the table and posts a few Slack messages: I/O-bound.
    // 512 MB, 2 min (Slack rate limits are retried a few times with Retry-After).
    const digest = make('send-digest', 512, Duration.minutes(2), { ...common, ...slack });

    // Slash worker: runs what a /claimwatch command asked for, up to a full cycle over every feed
    // in one invocation (the fetch deadline defaults to 4 min), so 1,024 MB and 10 min.
    const worker = make('slack-worker', 1024, Duration.minutes(10), { ...common, ...slack });
    const workerFailures = new Queue(this, 'SlackWorkerFailures', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(workerFailures).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'This queue is the on-failure destination of the slack worker; it needs no DLQ of its own.' });
    // One retry: a slash command answered an hour late is useless, and a failed one lands in the queue.
    worker.configureAsyncInvoke({ retryAttempts: 1, maxEventAge: Duration.hours(1), onFailure: new SqsDestination(workerFailures) });

    // Slash command: verifies the signature and invokes the worker; Slack wants an answer within
    // 3 s. 256 MB is enough for a 5 KB bundle; 10 s bounds a stuck invoke.
    const command = make('slack-command', 256, Duration.seconds(10), {
      CLAIMWATCH_STAGE: config.stage,
      CLAIMWATCH_WORKER_FUNCTION_NAME: worker.functionName,
      SLACK_SIGNING_SECRET_ARN: signingSecret.secretArn,
    });
    // Slack cannot sign AWS requests; it signs its own (v0 HMAC with the signing secret), which the
    // handler verifies before doing anything. cdk-nag has no rule on this; the choice is recorded here.
    const url = command.addFunctionUrl({ authType: FunctionUrlAuthType.NONE });

    this.functions = { 'plan-ingest': planner, 'ingest-feeds': ingest, 'send-digest': digest, 'slack-worker': worker, 'slack-command': command };

    // ── Least privilege, through grant* only.
    queue.grantSendMessages(planner);
    for (const f of [planner, ingest, digest, worker]) table.grantReadWriteData(f);
    for (const f of [planner, ingest]) bucket.grantPut(f); // raw feed bodies and item copies
    bucket.grantReadWrite(worker); // `/claimwatch reclassify` reads item copies back
    for (const f of [digest, worker]) botToken.grantRead(f);
    signingSecret.grantRead(command);
    worker.grantInvoke(command);
    if (config.classifier === 'bedrock' && config.bedrockModelId) {
      const model = Stack.of(this).formatArn({ service: 'bedrock', account: '', resource: 'foundation-model', resourceName: config.bedrockModelId });
      for (const f of [planner, ingest, worker]) f.addToRolePolicy(new PolicyStatement({ actions: ['bedrock:InvokeModel'], resources: [model] }));
    }
    this.acknowledgeGrantWildcards(props.dataStackName, { planner, ingest, digest, worker, command });

    // ── Schedules (EventBridge Scheduler: time zones and daylight saving handled by the service).
    // An explicit JSON input, so the handlers never receive an empty payload.
    new Schedule(this, 'IngestSchedule', {
      schedule: ScheduleExpression.rate(Duration.minutes(config.ingestEveryMinutes)),
      // A missed run is covered by the next one 30 minutes later: no long retries.
      target: new LambdaInvoke(planner, {
        input: ScheduleTargetInput.fromObject({ source: 'claimwatch.schedule', schedule: 'ingest' }),
        retryAttempts: 2,
        maxEventAge: Duration.minutes(Math.max(1, config.ingestEveryMinutes - 5)),
      }),
      description: `claimwatch ${config.stage}: plan ingestion every ${config.ingestEveryMinutes} minutes`,
    });
    new Schedule(this, 'DigestSchedule', {
      schedule: ScheduleExpression.cron({ minute: '0', hour: String(config.digest.hour), timeZone: TimeZone.of(config.digest.timeZone) }),
      // Scheduler retries failed invokes (throttling) for two hours. The invoke is asynchronous, so
      // a digest that fails to post (the handler throws) is retried twice by Lambda; after that it
      // stays pending and goes out with the next day's run.
      target: new LambdaInvoke(digest, {
        input: ScheduleTargetInput.fromObject({ source: 'claimwatch.schedule', schedule: 'digest' }),
        retryAttempts: 5,
        maxEventAge: Duration.hours(2),
      }),
      description: `claimwatch ${config.stage}: daily digest at ${config.digest.hour}:00 ${config.digest.timeZone}`,
    });
    for (const [sid, target] of [['IngestSchedule', planner], ['DigestSchedule', digest]] as const) {
      Validations.of(this).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(target.node.defaultChild as CfnFunction)}.Arn>:*]`,
        reason: `The ${sid} role may invoke only its target function and that function's versions and aliases.`,
      });
    }

    // ── Alarms → SNS (e-mail when configured).
    this.alarmTopic = new Topic(this, 'Alarms', { enforceSSL: true, displayName: `claimwatch ${config.stage} alarms` });
    if (config.alarmEmail) this.alarmTopic.addSubscription(new EmailSubscription(config.alarmEmail));
    const notify = (a: Alarm) => {
      a.addAlarmAction(new SnsAction(this.alarmTopic));
      a.addOkAction(new SnsAction(this.alarmTopic));
      return a;
    };
    const fnLabels: Array<[string, IFunction]> = [
      ['PlanIngest', planner],
      ['IngestFeeds', ingest],
      ['SendDigest', digest],
      ['SlackWorker', worker],
      ['SlackCommand', command],
    ];
    for (const [name, f] of fnLabels) {
      notify(
        new Alarm(this, `${name}Errors`, {
          alarmDescription: `${name} reported errors (uncaught exceptions or timeouts) in the last 15 minutes. See docs/deploy.md, "Logs Insights".`,
          metric: f.metricErrors({ period: Duration.minutes(15), statistic: 'Sum' }),
          threshold: 1,
          comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
      );
    }
    for (const [aid, q, what] of [
      ['IngestDeadLettersNotEmpty', dlq, 'Feed batches failed three times and were dead-lettered'],
      ['SlackWorkerFailuresNotEmpty', workerFailures, 'Slash commands failed after their retry'],
    ] as const) {
      notify(
        new Alarm(this, aid, {
          alarmDescription: `${what}; inspect and redrive or purge the queue.`,
          metric: q.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
          threshold: 1,
          comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
      );
    }
    // Business metrics come from Powertools (EMF) with the default `service` dimension. Hourly
    // periods over a window: each hour without a data point counts as breaching, so the alarm
    // fires only when the whole window had nothing.
    const business = (metricName: string, period = Duration.hours(1)) =>
      new Metric({ namespace: 'Claimwatch', metricName, dimensionsMap: { service: 'claimwatch' }, statistic: 'Sum', period });
    notify(
      new Alarm(this, 'NoItemsIngested24h', {
        alarmDescription: 'No new item was stored for 24 hours: feeds, the schedule or the ingest worker are broken.',
        metric: business('ItemsIngested'),
        threshold: 1,
        comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
        evaluationPeriods: 24,
        datapointsToAlarm: 24,
        treatMissingData: TreatMissingData.BREACHING,
      }),
    );
    notify(
      new Alarm(this, 'DigestNotPosted', {
        alarmDescription: `No digest was posted for ${config.digestAlarmHours} hours (daily at ${config.digest.hour}:00 ${config.digest.timeZone}). A day with only off-topic items posts nothing and also fires it.`,
        metric: business('DigestsPosted'),
        threshold: 1,
        comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
        evaluationPeriods: config.digestAlarmHours,
        datapointsToAlarm: config.digestAlarmHours,
        treatMissingData: TreatMissingData.BREACHING,
      }),
    );

    // ── Dashboard: business metrics first, then the functions.
    const fnMetrics = (m: (f: IFunction) => IMetric) => fnLabels.map(([, f]) => m(f));
    new Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.days(7),
      widgets: [
        [new TextWidget({ markdown: `# claimwatch ${config.stage}\nItems, claim links and digests; feed failures; function health. Alarms go to the SNS topic.`, width: 24, height: 2 })],
        [
          new GraphWidget({ title: 'Items and claims (per hour)', left: ['ItemsIngested', 'ClaimLinks', 'ClaimUpdates'].map((m) => business(m)), width: 12 }),
          new GraphWidget({ title: 'Feed failures and digests (per hour)', left: [business('FeedFailures')], right: [business('DigestsPosted'), business('DigestFailures')], width: 12 }),
        ],
        [
          new SingleValueWidget({ title: 'Last 24 h', metrics: ['ItemsIngested', 'ClaimUpdates', 'FeedFailures', 'DigestsPosted'].map((m) => business(m, Duration.days(1))), width: 12 }),
          new GraphWidget({ title: 'Dead letters', left: [dlq.metricApproximateNumberOfMessagesVisible(), workerFailures.metricApproximateNumberOfMessagesVisible()], width: 12 }),
        ],
        [
          new GraphWidget({ title: 'Function errors', left: fnMetrics((f) => f.metricErrors({ statistic: 'Sum' })), width: 8 }),
          new GraphWidget({ title: 'Function duration p90 (ms)', left: fnMetrics((f) => f.metricDuration({ statistic: 'p90' })), width: 8 }),
          new GraphWidget({ title: 'Throttles', left: fnMetrics((f) => f.metricThrottles({ statistic: 'Sum' })), width: 8 }),
        ],
      ],
    });

    if (config.slackChannelId === PLACEHOLDER_CHANNEL) {
      Annotations.of(this).addWarningV2(
        'claimwatch:placeholderSlackChannel',
        'No Slack channel configured: pass -c slackChannelId=C… (see docs/deploy.md); until then the digest cannot be posted.',
      );
    }

    new CfnOutput(this, 'SlashCommandUrl', { value: url.url, description: 'Request URL of the /claimwatch slash command' });
    new CfnOutput(this, 'SlackBotTokenSecretArn', { value: botToken.secretArn, description: 'put-secret-value: the xoxb- bot token' });
    new CfnOutput(this, 'SlackSigningSecretArn', { value: signingSecret.secretArn, description: 'put-secret-value: the signing secret' });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarmTopic.topicArn });
    new CfnOutput(this, 'PlanIngestFunctionName', { value: planner.functionName, description: 'aws lambda invoke: a run now' });
    new CfnOutput(this, 'SendDigestFunctionName', { value: digest.functionName, description: 'aws lambda invoke: a digest now' });
    for (const [label, f] of fnLabels) {
      new CfnOutput(this, `${label}LogGroup`, { value: (f as NodejsFunction).logGroup.logGroupName, description: `aws logs tail --follow: ${label}` });
    }
    new CfnOutput(this, 'IngestDeadLetterQueueUrl', { value: dlq.queueUrl });
  }

  /**
   * The wildcards grant* writes into policies are scoped to one bucket, one table, one function:
   * acknowledged per role and per finding (cdk-nag 3 has no prefix matching, by design).
   */
  private acknowledgeGrantWildcards(dataStack: string, fns: Record<'planner' | 'ingest' | 'digest' | 'worker' | 'command', NodejsFunction>) {
    const bucketObjects = `Resource::${dataStack}:ExportsOutputFnGetAttClaimwatchBucketArn0C352C8A/*`;
    const tableIndexes = `Resource::${dataStack}:ExportsOutputFnGetAttClaimwatchTableArn747C2D05/index/*`;
    const ack = (f: NodejsFunction, findings: string[], reason: string) => {
      for (const finding of findings) Validations.of(f.role!).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason });
    };
    for (const f of [fns.planner, fns.ingest, fns.digest, fns.worker]) {
      ack(f, [tableIndexes], 'Queries the GSIs (gsi1, gsi2) of the claimwatch table only, from grantReadWriteData.');
    }
    for (const f of [fns.planner, fns.ingest]) {
      ack(f, [bucketObjects, 'Action::s3:Abort*'], 'Writes objects of the claimwatch bucket only (grantPut; Abort* covers multipart uploads).');
    }
    ack(
      fns.worker,
      [bucketObjects, 'Action::s3:Abort*', 'Action::s3:DeleteObject*', 'Action::s3:GetBucket*', 'Action::s3:GetObject*', 'Action::s3:List*'],
      'Reads and writes objects of the claimwatch bucket only, from grantReadWrite.',
    );
    ack(
      fns.command,
      [`Resource::<${this.getLogicalId(fns.worker.node.defaultChild as CfnFunction)}.Arn>:*`],
      'Invokes the slack worker function and its versions only, from grantInvoke.',
    );
  }
}

// Fine-grained template assertions and cdk-nag, synthesised offline without bundling and with the
// feature flags of cdk.json, so the templates are the ones `cdk synth` writes.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildApp, settingsFromContext } from '../../infra/app.ts';
import { type StageOverrides, stageConfig } from '../../infra/config.ts';
import { ENV_KEYS } from '../../shared/runtime/load-env.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const cdkJsonContext = (JSON.parse(readFileSync(path.join(ROOT, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> }).context;
const outdirs: string[] = [];
after(() => outdirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** An app as `cdk synth` builds it, minus bundling (the bundle test covers that), in a temp outdir. */
function synthApp(stage = 'dev', overrides: StageOverrides = { slackChannelId: 'C0123456789' }) {
  const outdir = mkdtempSync(path.join(tmpdir(), 'claimwatch-cdk-'));
  outdirs.push(outdir);
  const app = new App({ outdir, context: { ...cdkJsonContext, 'aws:cdk:bundling-stacks': [] } });
  const built = buildApp(app, stage, overrides);
  return { app, outdir, ...built, dataT: Template.fromStack(built.data), botT: Template.fromStack(built.bot) };
}

type Res = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string; UpdateReplacePolicy?: string };
const dev = synthApp();
const { dataT, botT } = dev;
const botResources = botT.toJSON().Resources as Record<string, Res>;
const logicalIdOf = (fn: { node: { defaultChild?: unknown } }) => dev.bot.getLogicalId(fn.node.defaultChild as never);
const envOf = (name: keyof typeof dev.bot.functions) =>
  (botResources[logicalIdOf(dev.bot.functions[name])]!.Properties.Environment?.Variables ?? {}) as Record<string, unknown>;
/** Every IAM action a function's role may perform (all its inline policies). */
const actionsOf = (name: keyof typeof dev.bot.functions) => {
  const roleId = dev.bot.getLogicalId(dev.bot.functions[name].role!.node.defaultChild as never);
  return Object.values(botResources)
    .filter((r) => r.Type === 'AWS::IAM::Policy' && r.Properties.Roles.some((x: { Ref: string }) => x.Ref === roleId))
    .flatMap((r) => r.Properties.PolicyDocument.Statement.flatMap((s: { Action: string | string[] }) => [s.Action].flat()));
};

describe('data stack', () => {
  it('pins the logical ids of the table and the bucket', () => {
    const resources = dataT.toJSON().Resources as Record<string, Res>;
    assert.equal(resources.ClaimwatchTable?.Type, 'AWS::DynamoDB::GlobalTable');
    assert.equal(resources.ClaimwatchBucket?.Type, 'AWS::S3::Bucket');
  });

  it('keeps the table on demand, recoverable, protected and retained, with the keys and indexes the DynamoDB store uses', () => {
    dataT.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        GlobalSecondaryIndexes: [
          {
            IndexName: 'gsi1',
            KeySchema: [
              { AttributeName: 'gsi1pk', KeyType: 'HASH' },
              { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
          {
            IndexName: 'gsi2',
            KeySchema: [
              { AttributeName: 'gsi2pk', KeyType: 'HASH' },
              { AttributeName: 'gsi2sk', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
        Replicas: [Match.objectLike({ DeletionProtectionEnabled: true, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } })],
      }),
    });
    const attrs = dataT.findResources('AWS::DynamoDB::GlobalTable').ClaimwatchTable!.Properties.AttributeDefinitions as Array<{ AttributeType: string }>;
    assert.ok(attrs.every((a) => a.AttributeType === 'S'), 'all key attributes are strings');
    assert.equal(dataT.toJSON().Resources.ClaimwatchTable.Properties.TableName, undefined, 'no physical name');
  });

  it('blocks public access, encrypts, versions, logs access and expires raw feed copies', () => {
    dataT.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        VersioningConfiguration: { Status: 'Enabled' },
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        LoggingConfiguration: Match.objectLike({ DestinationBucketName: Match.anyValue() }),
        LifecycleConfiguration: {
          Rules: Match.arrayWith([
            Match.objectLike({ Prefix: 'feeds/', ExpirationInDays: 30, NoncurrentVersionExpiration: { NoncurrentDays: 30 }, Status: 'Enabled' }),
          ]),
        },
      }),
    });
    const policies = Object.values(dataT.findResources('AWS::S3::BucketPolicy')) as Res[];
    const onMain = policies.find((p) => p.Properties.Bucket.Ref === 'ClaimwatchBucket');
    assert.ok(onMain, 'the bucket has a policy');
    assert.ok(
      onMain.Properties.PolicyDocument.Statement.some(
        (s: { Effect: string; Condition?: { Bool?: Record<string, string> } }) => s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false',
      ),
      'requests without TLS are denied',
    );
  });

  it('keeps raw feed copies 90 days in prod', () => {
    const prod = synthApp('prod');
    prod.dataT.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: { Rules: Match.arrayWith([Match.objectLike({ Prefix: 'feeds/', ExpirationInDays: 90 })]) },
    });
  });
});

describe('bot stack', () => {
  const own = Object.values(botResources).filter((r) => r.Type === 'AWS::Lambda::Function' && r.Properties.Handler === 'index.handler');

  it('runs the five handlers on Node.js 24, arm64, with log retention, Powertools settings and source maps', () => {
    assert.equal(own.length, 5);
    for (const f of own) {
      assert.equal(f.Properties.Runtime, 'nodejs24.x');
      assert.deepEqual(f.Properties.Architectures, ['arm64']);
      assert.equal(f.Properties.TracingConfig?.Mode, 'Active');
      assert.equal(f.Properties.FunctionName, undefined, 'no physical names');
      assert.ok(f.Properties.LoggingConfig?.LogGroup, 'its own log group');
      const env = f.Properties.Environment.Variables as Record<string, string>;
      assert.equal(env.POWERTOOLS_SERVICE_NAME, 'claimwatch');
      assert.equal(env.POWERTOOLS_METRICS_NAMESPACE, 'Claimwatch');
      assert.equal(env.NODE_OPTIONS, '--enable-source-maps');
    }
    botT.resourcePropertiesCountIs('AWS::Logs::LogGroup', { RetentionInDays: 7 }, 5);
  });

  it('sets only environment variables the runtime config loader knows', () => {
    const known = new Set(Object.keys(ENV_KEYS));
    const unknown = own
      .flatMap((f) => Object.keys(f.Properties.Environment?.Variables ?? {}))
      .filter((v) => !known.has(v) && !/^(POWERTOOLS_[A-Z_]+|AWS_[A-Z_]+|NODE_OPTIONS)$/.test(v));
    assert.deepEqual(unknown, []);
  });

  it('gives each function the settings it reads', () => {
    assert.ok(envOf('plan-ingest').CLAIMWATCH_INGEST_QUEUE_URL, 'the planner knows the queue');
    for (const f of ['plan-ingest', 'ingest-feeds', 'send-digest', 'slack-worker'] as const) {
      const env = envOf(f);
      for (const key of ['CLAIMWATCH_STAGE', 'CLAIMWATCH_TABLE_NAME', 'CLAIMWATCH_BUCKET_NAME', 'CLAIMWATCH_DIGEST_TIMEZONE', 'CLAIMWATCH_DIGEST_HOUR', 'CLAIMWATCH_CLASSIFIER']) {
        assert.ok(env[key] !== undefined, `${f} has ${key}`);
      }
    }
    assert.equal(envOf('send-digest').CLAIMWATCH_DIGEST_TIMEZONE, 'Asia/Almaty');
    assert.equal(envOf('send-digest').CLAIMWATCH_DIGEST_HOUR, '8');
    assert.equal(envOf('send-digest').SLACK_CHANNEL_ID, 'C0123456789');
    assert.ok(envOf('send-digest').SLACK_BOT_TOKEN_SECRET_ARN && envOf('slack-worker').SLACK_BOT_TOKEN_SECRET_ARN);
    assert.equal(envOf('plan-ingest').SLACK_BOT_TOKEN_SECRET_ARN, undefined, 'the planner never posts to Slack');
    assert.equal(envOf('ingest-feeds').SLACK_BOT_TOKEN_SECRET_ARN, undefined, 'the ingest worker never posts to Slack');
    // The 3-second path reads only its own settings.
    assert.deepEqual(
      Object.keys(envOf('slack-command')).filter((k) => !/^(POWERTOOLS_|NODE_OPTIONS)/.test(k)).sort(),
      ['CLAIMWATCH_STAGE', 'CLAIMWATCH_WORKER_FUNCTION_NAME', 'SLACK_SIGNING_SECRET_ARN'],
    );
    const fetchDeadline = Number(envOf('ingest-feeds').CLAIMWATCH_RUN_TIMEOUT_MS);
    const mapping = Object.values(botResources).find((r) => r.Type === 'AWS::Lambda::EventSourceMapping')!;
    const timeoutMs = botResources[logicalIdOf(dev.bot.functions['ingest-feeds'])]!.Properties.Timeout * 1000;
    assert.ok(fetchDeadline * mapping.Properties.BatchSize < timeoutMs, 'the batch fetch deadlines fit in the ingest timeout');
  });

  it('grants each function only what it uses', () => {
    const secrets = (a: string[]) => a.filter((x) => x.startsWith('secretsmanager:'));
    assert.deepEqual(secrets(actionsOf('plan-ingest')), []);
    assert.deepEqual(secrets(actionsOf('ingest-feeds')), []);
    assert.ok(actionsOf('send-digest').includes('secretsmanager:GetSecretValue'));
    assert.ok(!actionsOf('send-digest').some((a) => a.startsWith('s3:')), 'the digest does not touch the bucket');
    for (const f of ['plan-ingest', 'ingest-feeds'] as const) {
      assert.ok(actionsOf(f).includes('s3:PutObject'));
      assert.ok(!actionsOf(f).some((a) => /^s3:(Get|Delete|List)/.test(a)), `${f} only writes objects`);
    }
    assert.ok(actionsOf('plan-ingest').includes('sqs:SendMessage'));
    assert.ok(!actionsOf('ingest-feeds').includes('sqs:SendMessage'));
    const command = actionsOf('slack-command');
    assert.ok(command.includes('lambda:InvokeFunction'));
    assert.ok(!command.some((a) => a.startsWith('dynamodb:') || a.startsWith('s3:')), 'the slash command reaches no data');
    assert.ok(!Object.values(botResources).some((r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties).includes('"Action":"*"')));
  });

  it('schedules ingestion every 30 minutes and the digest daily at 08:00 Asia/Almaty, each on its function', () => {
    botT.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(30 minutes)',
      Target: Match.objectLike({ Arn: { 'Fn::GetAtt': [logicalIdOf(dev.bot.functions['plan-ingest']), 'Arn'] } }),
    });
    botT.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 8 * * ? *)',
      ScheduleExpressionTimezone: 'Asia/Almaty',
      Target: Match.objectLike({ Arn: { 'Fn::GetAtt': [logicalIdOf(dev.bot.functions['send-digest']), 'Arn'] } }),
    });
    botT.resourceCountIs('AWS::Scheduler::Schedule', 2);
    for (const sch of Object.values(botT.findResources('AWS::Scheduler::Schedule')) as Res[]) {
      assert.equal(typeof JSON.parse(sch.Properties.Target.Input), 'object', 'a JSON event, never an empty payload');
    }
  });

  it('fans ingestion out through a queue with partial batch failures, a dead-letter queue and a long enough visibility timeout', () => {
    const queues = Object.entries(botResources).filter(([, r]) => r.Type === 'AWS::SQS::Queue');
    const [queueId, queue] = queues.find(([, r]) => r.Properties.RedrivePolicy)!;
    const dlqId = queue.Properties.RedrivePolicy.deadLetterTargetArn['Fn::GetAtt'][0] as string;
    assert.equal(queue.Properties.RedrivePolicy.maxReceiveCount, 3);
    assert.ok(dlqId.startsWith('IngestDeadLetters'), dlqId);
    botT.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [queueId, 'Arn'] },
      FunctionName: { Ref: logicalIdOf(dev.bot.functions['ingest-feeds']) },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: 2,
    });
    const ingestTimeout = botResources[logicalIdOf(dev.bot.functions['ingest-feeds'])]!.Properties.Timeout as number;
    assert.ok(queue.Properties.VisibilityTimeout >= 6 * ingestTimeout, `${queue.Properties.VisibilityTimeout} ≥ 6 × ${ingestTimeout}`);
    for (const [, q] of queues) assert.equal(q.Properties.SqsManagedSseEnabled, true);
  });

  it('exposes the slash command through a Function URL and retries its worker once, then to an on-failure queue', () => {
    botT.hasResourceProperties('AWS::Lambda::Url', { AuthType: 'NONE', TargetFunctionArn: { 'Fn::GetAtt': [logicalIdOf(dev.bot.functions['slack-command']), 'Arn'] } });
    botT.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: logicalIdOf(dev.bot.functions['slack-worker']) },
      MaximumRetryAttempts: 1,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SlackWorkerFailures'), 'Arn'] } } },
    });
  });

  it('creates the two Slack secrets empty and outputs their ARNs', () => {
    botT.resourceCountIs('AWS::SecretsManager::Secret', 2);
    for (const s of Object.values(botT.findResources('AWS::SecretsManager::Secret')) as Res[]) assert.equal(s.Properties.Name, undefined);
    const outputs = botT.toJSON().Outputs as Record<string, unknown>;
    for (const o of ['SlackBotTokenSecretArn', 'SlackSigningSecretArn', 'SlashCommandUrl']) assert.ok(outputs[o], o);
  });

  it('alarms on errors, dead letters, no items for 24 hours and a missed digest, all to one SNS topic', () => {
    const alarms = Object.values(botT.findResources('AWS::CloudWatch::Alarm')) as Res[];
    const topicId = Object.keys(botT.findResources('AWS::SNS::Topic'))[0]!;
    for (const a of alarms) assert.deepEqual(a.Properties.AlarmActions, [{ Ref: topicId }]);
    assert.equal(alarms.filter((a) => a.Properties.MetricName === 'Errors').length, 5);
    assert.equal(alarms.filter((a) => a.Properties.MetricName === 'ApproximateNumberOfMessagesVisible').length, 2);
    const items = alarms.find((a) => a.Properties.MetricName === 'ItemsIngested')!.Properties;
    assert.equal(items.Namespace, 'Claimwatch');
    assert.deepEqual(items.Dimensions, [{ Name: 'service', Value: 'claimwatch' }]);
    assert.equal(items.Period * items.EvaluationPeriods, 24 * 3600);
    assert.equal(items.DatapointsToAlarm, items.EvaluationPeriods);
    assert.equal(items.TreatMissingData, 'breaching');
    assert.equal(items.ComparisonOperator, 'LessThanThreshold');
    const digest = alarms.find((a) => a.Properties.MetricName === 'DigestsPosted')!.Properties;
    assert.ok(digest.Period * digest.EvaluationPeriods > 24 * 3600, 'a day plus a margin');
    assert.equal(digest.TreatMissingData, 'breaching');
    botT.resourceCountIs('AWS::SNS::Topic', 1);
    botT.resourceCountIs('AWS::SNS::Subscription', 0);
  });

  it('draws a dashboard with the business metrics and the functions', () => {
    const body = JSON.stringify(Object.values(botT.findResources('AWS::CloudWatch::Dashboard'))[0]!.Properties.DashboardBody);
    for (const m of ['ItemsIngested', 'ClaimLinks', 'ClaimUpdates', 'FeedFailures', 'DigestsPosted', 'Errors', 'Duration']) assert.ok(body.includes(m), m);
  });

  it('subscribes the alarm e-mail and grants Bedrock on the configured model only when configured', () => {
    const prod = synthApp('prod', { slackChannelId: 'C0123456789', alarmEmail: 'ops@example.com', classifier: 'bedrock', bedrockModelId: 'anthropic.claude-3-haiku-20240307-v1:0' });
    prod.botT.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com' });
    const statements = Object.values(prod.botT.findResources('AWS::IAM::Policy')).flatMap((p) => (p as Res).Properties.PolicyDocument.Statement as Array<{ Action: unknown; Resource: unknown }>);
    const bedrock = statements.filter((s) => s.Action === 'bedrock:InvokeModel');
    assert.equal(bedrock.length, 3, 'planner, ingest worker and slash worker classify');
    assert.ok(bedrock.every((s) => JSON.stringify(s.Resource).includes('foundation-model/anthropic.claude-3-haiku-20240307-v1:0')));
    prod.botT.resourcePropertiesCountIs('AWS::Logs::LogGroup', { RetentionInDays: 90 }, 5);
    assert.doesNotThrow(() => prod.app.synth(), 'cdk-nag passes with the optional resources too');
  });

  it('warns when no Slack channel is configured', () => {
    const unset = synthApp('dev', {});
    Annotations.fromStack(unset.bot).hasWarning('*', Match.stringLikeRegexp('No Slack channel configured'));
    assert.equal(Annotations.fromStack(dev.bot).findWarning('*', Match.stringLikeRegexp('No Slack channel configured')).length, 0);
  });
});

describe('settings', () => {
  it('rejects an unknown stage and bad values, naming each', () => {
    assert.throws(() => stageConfig('staging'), /unknown stage "staging": one of dev, prod/);
    assert.throws(
      () => stageConfig('dev', { digest: { hour: 25, timeZone: 'Mars/Olympus' }, slackChannelId: '#general', classifier: 'bedrock' }),
      (e: Error) => ['digest hour', 'time zone', 'slackChannelId', 'bedrockModelId'].every((w) => e.message.includes(w)),
    );
  });

  it('takes the stage and overrides from context, the stage also from CLAIMWATCH_STAGE', () => {
    const app = new App({ context: { slackChannelId: 'C0123456789', digestHour: '7', digestTimeZone: 'Europe/Moscow' } });
    const s = settingsFromContext(app, { CLAIMWATCH_STAGE: 'prod' });
    assert.equal(s.stage, 'prod');
    const cfg = stageConfig(s.stage, s.overrides);
    assert.deepEqual(cfg.digest, { hour: 7, timeZone: 'Europe/Moscow' });
    assert.equal(cfg.slackChannelId, 'C0123456789');
    assert.equal(cfg.ingestEveryMinutes, 30);
    assert.equal(settingsFromContext(new App({ context: { stage: 'dev' } }), { CLAIMWATCH_STAGE: 'prod' }).stage, 'dev');
    assert.equal(settingsFromContext(new App(), {}).stage, 'dev');
  });
});

describe('cdk-nag', () => {
  it('passes the AwsSolutions checks on both stacks', () => {
    // Validations run at synth: a finding not acknowledged makes synth throw.
    assert.doesNotThrow(() => dev.app.synth());
    const report = JSON.parse(readFileSync(path.join(dev.outdir, 'validation-report.json'), 'utf8')) as { pluginReports: unknown[] };
    assert.deepEqual(report.pluginReports, []);
  });

  it('fails on an unacknowledged finding', () => {
    const outdir = mkdtempSync(path.join(tmpdir(), 'claimwatch-nag-'));
    outdirs.push(outdir);
    const bad = new App({ context: { 'aws:cdk:bundling-stacks': [] }, outdir });
    const stack = new Stack(bad, 'Bad');
    new Bucket(stack, 'Open');
    const role = new Role(stack, 'Wide', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    role.addToPolicy(new PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));
    Validations.of(bad).addPlugins(new AwsSolutionsChecks(bad));
    assert.throws(() => bad.synth(), /Validation failed/);
    const report = JSON.parse(readFileSync(path.join(outdir, 'validation-report.json'), 'utf8'));
    const rules = report.pluginReports.flatMap((r: { violations: Array<{ ruleName: string }> }) => r.violations.map((v) => v.ruleName));
    for (const rule of ['AwsSolutions-S1', 'AwsSolutions-S10', 'AwsSolutions-IAM5[Action::s3:*]', 'AwsSolutions-IAM5[Resource::*]']) assert.ok(rules.includes(rule), `${rule} in ${rules.join(', ')}`);
  });

  it('fails when one acknowledged finding of the app loses its acknowledgement', () => {
    const outdir = mkdtempSync(path.join(tmpdir(), 'claimwatch-nag-'));
    outdirs.push(outdir);
    const app = new App({ outdir, context: { ...cdkJsonContext, 'aws:cdk:bundling-stacks': [] } });
    const { bot } = buildApp(app, 'dev', { slackChannelId: 'C0123456789' });
    // A queue without a dead-letter queue: the rule the stack acknowledges on its two DLQ-like queues only.
    new Queue(bot, 'Unacknowledged', { enforceSSL: true });
    assert.throws(() => app.synth(), /Validation failed/);
    const report = readFileSync(path.join(outdir, 'validation-report.json'), 'utf8');
    assert.match(report, /AwsSolutions-SQS3/);
    assert.match(report, /Unacknowledged/);
  });
});

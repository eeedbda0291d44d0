// Fine-grained template assertions and cdk-nag, synthesised offline without bundling.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildApp } from '../../infra/app.ts';
import { ENV_KEYS } from '../../shared/runtime/load-env.ts';

const noBundling = { 'aws:cdk:bundling-stacks': [] };
const app = new App({ context: noBundling });
const { data, bot } = buildApp(app, 'dev');
const dataT = Template.fromStack(data);
const botT = Template.fromStack(bot);

describe('data stack', () => {
  it('pins the logical ids of the table and the bucket', () => {
    assert.ok(dataT.toJSON().Resources.ClaimwatchTable, 'table logical id');
    assert.ok(dataT.toJSON().Resources.ClaimwatchBucket, 'bucket logical id');
  });

  it('keeps the table on demand, recoverable, protected, retained, with the keys the store uses', () => {
    dataT.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        GlobalSecondaryIndexes: Match.arrayWith([Match.objectLike({ IndexName: 'gsi1' }), Match.objectLike({ IndexName: 'gsi2' })]),
        Replicas: [Match.objectLike({ DeletionProtectionEnabled: true, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } })],
      }),
    });
  });

  it('blocks public access, encrypts, versions and expires raw feed copies', () => {
    dataT.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        VersioningConfiguration: { Status: 'Enabled' },
        BucketEncryption: Match.anyValue(),
        LifecycleConfiguration: { Rules: Match.arrayWith([Match.objectLike({ Prefix: 'feeds/', ExpirationInDays: 30, Status: 'Enabled' })]) },
      }),
    });
    dataT.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });
});

describe('bot stack', () => {
  const functions = botT.findResources('AWS::Lambda::Function');

  it('runs every function on Node 24, arm64', () => {
    const own = Object.values(functions).filter((f) => (f as { Properties: { Handler?: string } }).Properties.Handler === 'index.handler');
    assert.equal(own.length, 5);
    for (const f of own) {
      const p = (f as { Properties: { Runtime: string; Architectures: string[] } }).Properties;
      assert.equal(p.Runtime, 'nodejs24.x');
      assert.deepEqual(p.Architectures, ['arm64']);
    }
  });

  it('sets only environment variables the runtime config loader knows', () => {
    const known = new Set(Object.keys(ENV_KEYS));
    const unknown: string[] = [];
    for (const f of Object.values(functions)) {
      const vars = Object.keys((f as { Properties: { Environment?: { Variables?: object } } }).Properties.Environment?.Variables ?? {});
      for (const v of vars) if (!known.has(v) && !/^(POWERTOOLS_|AWS_|NODE_OPTIONS$)/.test(v)) unknown.push(v);
    }
    assert.deepEqual(unknown, []);
  });

  it('schedules ingestion every 30 minutes and the digest daily at 08:00 Asia/Almaty', () => {
    botT.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'rate(30 minutes)' });
    botT.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'cron(0 8 * * ? *)', ScheduleExpressionTimezone: 'Asia/Almaty' });
  });

  it('fans ingestion out through a queue with partial batch failures and a dead-letter queue', () => {
    botT.hasResourceProperties('AWS::Lambda::EventSourceMapping', { FunctionResponseTypes: ['ReportBatchItemFailures'] });
    botT.hasResourceProperties('AWS::SQS::Queue', { RedrivePolicy: Match.objectLike({ maxReceiveCount: 3 }) });
  });

  it('exposes the slash command through a Function URL and retries its worker with an on-failure destination', () => {
    botT.hasResourceProperties('AWS::Lambda::Url', { AuthType: 'NONE' });
    botT.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { MaximumRetryAttempts: 1, DestinationConfig: { OnFailure: Match.anyValue() } });
  });

  it('alarms on errors, dead letters, no items for 24 hours and a missed digest', () => {
    const alarms = Object.values(botT.findResources('AWS::CloudWatch::Alarm')).map((a) => (a as { Properties: { MetricName?: string; Namespace?: string } }).Properties);
    assert.equal(alarms.filter((a) => a.MetricName === 'Errors').length, 5);
    assert.ok(alarms.some((a) => a.MetricName === 'ApproximateNumberOfMessagesVisible'));
    assert.ok(alarms.some((a) => a.MetricName === 'ItemsIngested' && a.Namespace === 'Claimwatch'));
    assert.ok(alarms.some((a) => a.MetricName === 'DigestsPosted'));
    botT.resourceCountIs('AWS::SNS::Topic', 1);
  });
});

describe('cdk-nag', () => {
  it('passes the AwsSolutions checks on both stacks', () => {
    // Validations run at synth: a finding not acknowledged makes synth throw.
    assert.doesNotThrow(() => app.synth());
  });

  it('fails on an unacknowledged finding', () => {
    const outdir = mkdtempSync(path.join(tmpdir(), 'claimwatch-nag-'));
    const bad = new App({ context: noBundling, outdir });
    const stack = new Stack(bad, 'Bad');
    new Bucket(stack, 'Open');
    Validations.of(bad).addPlugins(new AwsSolutionsChecks(bad));
    assert.throws(() => bad.synth(), /Validation failed/);
    const report = JSON.parse(readFileSync(path.join(outdir, 'validation-report.json'), 'utf8'));
    const rules = report.pluginReports.flatMap((r: { violations: Array<{ ruleName: string }> }) => r.violations.map((v) => v.ruleName));
    assert.ok(rules.includes('AwsSolutions-S1'), rules.join(', '));
    assert.ok(rules.includes('AwsSolutions-S10'), rules.join(', '));
  });
});

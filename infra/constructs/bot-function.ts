// The NodejsFunction defaults of claimwatch in one place: Node.js 24 on arm64 (Graviton: about 20 %
// cheaper per GB-second than x86 for the same work), esbuild bundling from infra/bundling.ts, a log
// group with a retention, Powertools settings and source-mapped stack traces.
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import path from 'node:path';
import { BUNDLING, type FunctionName } from '../bundling.ts';

export interface BotFunctionProps {
  /** Folder under functions/, e.g. `ingest-feeds`. */
  name: FunctionName;
  /** Memory in MB and timeout: chosen per function (the reasons are next to each in bot-stack.ts). */
  memorySize: number;
  timeout: Duration;
  /** Names must be keys of ENV_KEYS in shared/runtime/load-env.ts (a test checks it). */
  environment: Record<string, string>;
  logRetentionDays: number;
  /** X-Ray active tracing. */
  tracing: boolean;
  /** POWERTOOLS_LOG_LEVEL (default INFO). */
  logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
}

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** One claimwatch Lambda function (`.fn`) with its log group. */
export class BotFunction extends Construct {
  readonly fn: NodejsFunction;

  constructor(scope: Construct, id: string, props: BotFunctionProps) {
    super(scope, id);
    // Logs are operational, not data: they go with the stack, after the stage's retention.
    const logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetentionDays as RetentionDays,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.fn = new NodejsFunction(this, 'Function', {
      entry: path.join(ROOT, 'functions', props.name, 'handler.ts'),
      handler: 'handler',
      projectRoot: ROOT,
      depsLockFilePath: path.join(ROOT, 'package-lock.json'),
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      tracing: props.tracing ? Tracing.ACTIVE : Tracing.DISABLED,
      logGroup,
      environment: {
        POWERTOOLS_SERVICE_NAME: 'claimwatch',
        POWERTOOLS_METRICS_NAMESPACE: 'Claimwatch',
        POWERTOOLS_LOG_LEVEL: props.logLevel ?? 'INFO',
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      bundling: {
        minify: BUNDLING.minify,
        sourceMap: BUNDLING.sourceMap,
        target: BUNDLING.target,
        format: BUNDLING.format === 'esm' ? OutputFormat.ESM : OutputFormat.CJS,
        mainFields: [...BUNDLING.mainFields],
        externalModules: [...BUNDLING.externalModules],
        banner: BUNDLING.banner,
      },
    });
    const role = this.fn.role!;
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: "The AWS managed basic execution role only allows writing this function's own logs.",
    });
    if (props.tracing) {
      Validations.of(role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'X-Ray PutTraceSegments and PutTelemetryRecords accept no resource narrower than *.',
      });
    }
  }
}

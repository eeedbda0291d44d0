// Function URL → slack-command → verify signature → Lambda(async) slack-worker → ephemeral ack
// The 3-second path: no store, no makeDeps, only the three settings it needs, so the cold start
// stays small. The work itself happens in functions/slack-worker.
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { createLambdaInvoker } from '../../shared/adapters/lambda-invoker.ts';
import { ConfigError } from '../../shared/errors.ts';
import type { Clock } from '../../shared/ports/index.ts';
import { acknowledgeSlashCommand, type SlashJob } from '../../shared/use-cases/slash-command.ts';

/** The only settings this path reads (a subset of load-env's names, validated here). */
function ackSettings(source: Record<string, string | undefined>) {
  const get = (k: string) => (source[k]?.trim() ? source[k]!.trim() : undefined);
  const secretArn = get('SLACK_SIGNING_SECRET_ARN');
  const secret = get('SLACK_SIGNING_SECRET');
  const worker = get('CLAIMWATCH_WORKER_FUNCTION_NAME');
  const problems = [
    ...(!secretArn && !secret ? ['SLACK_SIGNING_SECRET_ARN (or SLACK_SIGNING_SECRET) is required'] : []),
    ...(!worker ? ['CLAIMWATCH_WORKER_FUNCTION_NAME is required'] : []),
  ];
  if (problems.length) throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`, problems);
  return Object.freeze({ secretArn, secret, worker: worker! });
}

const settings = ackSettings(process.env);
const clock: Clock = { now: () => new Date() };
const enqueue = createLambdaInvoker({ functionName: settings.worker });
let readSecret: ((arn: string) => Promise<string>) | undefined;

async function signingSecret(): Promise<string> {
  if (settings.secret) return settings.secret;
  readSecret ??= (await import('../../shared/adapters/secrets.ts')).createSecretReader({});
  return readSecret(settings.secretArn!);
}

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
  const rawBody = event.body ? (event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body) : '';
  return acknowledgeSlashCommand(
    { signingSecret: await signingSecret(), clock, enqueue: (job: SlashJob) => enqueue(job) },
    { headers: event.headers ?? {}, rawBody },
  );
};

// The slack-command Lambda handler as deployed: a Function URL event with a base64 body → verify →
// asynchronous invoke of the worker (sent to a fake Lambda endpoint on 127.0.0.1) → ephemeral ack.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { signSlackRequest } from '../../shared/domain/slack-signature.ts';

const signingSecret = 'handler-signing-secret';

describe('functions/slack-command handler', () => {
  let lambda: Server;
  const invokes: Array<{ path: string; invocationType?: string; payload: any }> = [];
  let handler: (e: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;

  before(async () => {
    lambda = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        invokes.push({ path: req.url ?? '', invocationType: req.headers['x-amz-invocation-type'] as string, payload: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') });
        res.writeHead(202, { 'content-type': 'application/json' });
        res.end();
      });
    });
    await new Promise<void>((r) => lambda.listen(0, '127.0.0.1', r));
    Object.assign(process.env, {
      SLACK_SIGNING_SECRET: signingSecret,
      CLAIMWATCH_WORKER_FUNCTION_NAME: 'claimwatch-slack-worker',
      AWS_ENDPOINT_URL_LAMBDA: `http://127.0.0.1:${(lambda.address() as AddressInfo).port}`,
      AWS_REGION: 'eu-central-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
    });
    ({ handler } = (await import('../../functions/slack-command/handler.ts')) as any);
  });
  after(() => {
    lambda.closeAllConnections();
    return new Promise((r) => lambda.close(r));
  });

  const event = (text: string, sign = true): APIGatewayProxyEventV2 => {
    const body = new URLSearchParams({ command: '/claimwatch', text, user_id: 'U1', channel_id: 'C1', response_url: 'https://hooks.slack.com/commands/T/1/x' }).toString();
    const ts = String(Math.floor(Date.now() / 1000));
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    if (sign) Object.assign(headers, { 'x-slack-request-timestamp': ts, 'x-slack-signature': signSlackRequest({ signingSecret, timestamp: ts, rawBody: body }) });
    return { headers, body: Buffer.from(body).toString('base64'), isBase64Encoded: true } as unknown as APIGatewayProxyEventV2;
  };

  it('verifies a base64-encoded body, invokes the worker asynchronously and acknowledges', async () => {
    const res = await handler(event('digest 7d'));
    assert.equal(res.statusCode, 200);
    assert.equal(JSON.parse(res.body!).response_type, 'ephemeral');
    assert.equal(invokes.length, 1);
    assert.match(invokes[0].path, /\/functions\/claimwatch-slack-worker\/invocations$/);
    assert.equal(invokes[0].invocationType, 'Event');
    assert.equal(invokes[0].payload.subcommand, 'digest');
    assert.equal(invokes[0].payload.args, '7d');
  });

  it('answers 401 to an unsigned request without invoking anything', async () => {
    const before = invokes.length;
    const res = await handler(event('run', false));
    assert.equal(res.statusCode, 401);
    assert.equal(invokes.length, before);
  });

  it('bundles without the composition root, the store, the feed machinery or the Slack SDK (small cold start)', async () => {
    const { build } = await import('esbuild');
    const result = await build({
      entryPoints: [path.join(import.meta.dirname, '..', '..', 'functions', 'slack-command', 'handler.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs).join('\n');
    for (const heavy of ['make-deps', 'dynamo-store', 'http-feed-source', 'rss-parser', 'client-dynamodb', 'client-s3', '@slack/web-api', 'shared/runtime/']) {
      assert.ok(!inputs.includes(heavy), `${heavy} is in the slack-command bundle`);
    }
    assert.ok(inputs.includes('shared/use-cases/slash-command.ts'));
  });
});

// Cold init per function: in a fresh `node` process, the time to import the bundle plus building
// its dependencies as the first invocation does (lambdaContext(): env, Powertools, makeDeps with
// AWS clients, classifier, notifier). The probe bundle is the function's own entry with
// lambdaContext exported beside the handler, built with the CDK app's esbuild options
// (infra/bundling.ts), so it is the same code as the deployed bundle. Nothing touches the network:
// the table and bucket names are dummies and the SDK makes no request at construction.
import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { BUNDLING } from '../../infra/bundling.ts';
import { lambdaBuildOptions } from '../bundle.ts';

const run = promisify(execFile);

/** The Lambda environment of each function (infra/stacks/bot-stack.ts), with dummy values. */
export function lambdaEnv(fn: string): Record<string, string> {
  const common = {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_LAMBDA_FUNCTION_NAME: `claimwatch-bench-${fn}`,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    CLAIMWATCH_STAGE: 'bench',
    CLAIMWATCH_TABLE_NAME: 'claimwatch-bench',
    CLAIMWATCH_BUCKET_NAME: 'claimwatch-bench',
  };
  // A bot token given directly: in Lambda it is read from Secrets Manager at construction (one request).
  const slack = { SLACK_CHANNEL_ID: 'C0BENCH', SLACK_BOT_TOKEN: 'xoxb-bench' };
  switch (fn) {
    case 'plan-ingest':
      return { ...common, CLAIMWATCH_INGEST_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/bench' };
    case 'send-digest':
    case 'slack-worker':
      return { ...common, ...slack };
    case 'slack-command':
      return { AWS_REGION: 'us-east-1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', SLACK_SIGNING_SECRET: 'bench', CLAIMWATCH_WORKER_FUNCTION_NAME: 'bench-worker' };
    default:
      return common;
  }
}

/** Builds `<outDir>/<fn>-probe/index.mjs` and returns its path and size. */
export async function buildProbe(root: string, fn: string, outDir: string): Promise<{ file: string; bytes: number }> {
  // slack-command builds what it needs at import (no makeDeps): importing it is its whole init.
  const withContext = fn !== 'slack-command';
  const file = path.join(outDir, `${fn}-probe`, BUNDLING.outFile);
  await build({
    absWorkingDir: root,
    stdin: {
      contents: `export { handler } from './functions/${fn}/handler.ts';\n${withContext ? "export { lambdaContext } from './shared/runtime/lambda.ts';\n" : ''}`,
      resolveDir: root,
      sourcefile: `${fn}-probe.ts`,
      loader: 'ts',
    },
    outfile: file,
    ...lambdaBuildOptions(),
  });
  return { file, bytes: statSync(file).size };
}

export interface InitSample {
  importMs: number;
  depsMs: number;
  totalMs: number;
}

/** One fresh process: import the probe, then build the dependencies. */
export async function initOnce(cwd: string, fn: string, file: string): Promise<InitSample> {
  const script = `const t0 = performance.now();
const m = await import(${JSON.stringify(path.resolve(file))});
const t1 = performance.now();
if (m.lambdaContext) await m.lambdaContext();
const t2 = performance.now();
process.stdout.write(JSON.stringify({ importMs: t1 - t0, depsMs: t2 - t1, totalMs: t2 - t0 }));`;
  // Only the function's own environment (plus PATH), as in Lambda.
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd, env: { PATH: process.env.PATH ?? '', ...lambdaEnv(fn) } });
  return JSON.parse(stdout) as InitSample;
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

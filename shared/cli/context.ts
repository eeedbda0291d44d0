// What every CLI command that touches storage shares: env from the process plus flags, logs and
// progress on stderr, and makeDeps (the same composition root the Lambdas use).
import type { Writable } from 'node:stream';
import { loadEnv, type Env } from '../runtime/load-env.ts';
import { makeDeps } from '../runtime/make-deps.ts';
import type { Deps } from '../runtime/deps.ts';
import { createCliLog, createCountingMetrics, createProgress } from '../runtime/observability.ts';
import type { CliIO } from './io.ts';

export interface CommonFlags {
  feeds?: string;
  claims?: string;
  data?: string;
}

export const COMMON_FLAG_HELP = `  --feeds FILE    feeds file (default: seeds/feeds.json)
  --claims FILE   claims file (default: seeds/claims.json)
  --data DIR      data directory of the embedded servers (default: .claimwatch)`;

/** The validated env with command-line flags applied on top. */
export function envFromFlags(io: CliIO, flags: CommonFlags): Readonly<Env> {
  const env = loadEnv(io.env);
  return Object.freeze({
    ...env,
    feedsFile: flags.feeds ?? env.feedsFile,
    claimsFile: flags.claims ?? env.claimsFile,
    dataDir: flags.data ?? env.dataDir,
  });
}

/** Builds deps for a CLI command; the caller must `close()` them. */
export async function openDeps(
  io: CliIO,
  flags: CommonFlags,
  options: { terminal?: Writable; progress?: boolean; overrides?: Partial<Deps> } = {},
): Promise<Deps> {
  const env = envFromFlags(io, flags);
  const log = createCliLog(io.stderr, io.env.CLAIMWATCH_LOG_LEVEL);
  return makeDeps(env, {
    log,
    metrics: createCountingMetrics(),
    progress: createProgress(io.stderr, options.progress ?? Boolean(io.stderr.isTTY)),
    terminal: options.terminal ?? io.stdout,
    overrides: options.overrides,
  });
}

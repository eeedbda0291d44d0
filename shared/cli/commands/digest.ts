import { ConfigError } from '../../errors.ts';
import { digestNow } from '../../runtime/wiring.ts';
import { parseArgs } from '../args.ts';
import { COMMON_FLAG_HELP, openDeps } from '../context.ts';
import { EXIT, type Command } from '../io.ts';

const HELP = `Usage: claimwatch digest [--since WHEN] [--claims FILE] [--data DIR] [--json]

Without --since: posts the digest of everything new since the last posted digest (Slack when
SLACK_BOT_TOKEN and SLACK_CHANNEL_ID are set, the terminal otherwise) and records it, so nothing is
posted twice. With --since: shows the digest of that window again without recording anything.

  --since WHEN    an ISO date/time (2022-01-01, 2026-11-20T08:00Z) or a duration back from now (36h, 7d)
${COMMON_FLAG_HELP}
  --json          one JSON summary on stdout (the digest goes to stderr)
`;

/** Parses `--since`: ISO date/time or `<n>h` / `<n>d` back from now. */
export function parseSince(value: string, now: Date): string {
  const rel = /^(\d+)\s*([hd])$/i.exec(value.trim());
  if (rel) return new Date(now.getTime() - Number(rel[1]) * (rel[2].toLowerCase() === 'h' ? 3_600_000 : 86_400_000)).toISOString();
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new ConfigError(`--since: expected an ISO date or a duration such as 7d or 36h, got "${value}"`, undefined, 'input_invalid');
  return new Date(t).toISOString();
}

export const digest: Command = async (argv, io) => {
  const args = parseArgs(argv, { values: ['since', 'feeds', 'claims', 'data'], booleans: ['json'] }, 'digest');
  if (args.help) {
    io.stdout.write(HELP);
    return EXIT.ok;
  }
  const since = args.flags.since ?? args.positionals[0];
  const sinceIso = since ? parseSince(since, new Date()) : undefined;
  const json = Boolean(args.bools.json);
  const deps = await openDeps(io, args.flags, { terminal: json ? io.stderr : io.stdout, progress: false });
  try {
    const outcome = await digestNow(deps, sinceIso);
    if (json) io.stdout.write(`${JSON.stringify(outcome)}\n`);
    else if (outcome.status !== 'posted') io.stderr.write(`digest: ${outcome.status}${outcome.error ? ` (${outcome.error})` : ''}\n`);
    return outcome.status === 'failed' ? EXIT.internal : EXIT.ok;
  } finally {
    await deps.close();
  }
};

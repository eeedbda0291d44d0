import type { RunSummary } from '../../domain/types.ts';
import { ClaimwatchError } from '../../errors.ts';
import { cycleNow } from '../../runtime/wiring.ts';
import { parseArgs } from '../args.ts';
import { COMMON_FLAG_HELP, openDeps } from '../context.ts';
import { EXIT, type CliIO, type Command } from '../io.ts';

const HELP = `Usage: claimwatch run [--feeds FILE] [--claims FILE] [--data DIR] [--json] [--no-digest]

One full cycle: ingest the seed articles and the feeds, classify every new item against the claims,
store items and results (DynamoDB, S3), then post the digest of what is new (Slack when
SLACK_BOT_TOKEN and SLACK_CHANNEL_ID are set, the terminal otherwise).
With no CLAIMWATCH_TABLE_NAME/CLAIMWATCH_BUCKET_NAME, embedded DynamoDB- and S3-compatible servers
run inside the process with their data under --data.

${COMMON_FLAG_HELP}
  --json          print exactly one JSON summary on stdout (the digest goes to stderr)
  --no-digest     ingest and classify only

Exit codes: 0 done (also when some feeds failed), 1 bad input or configuration, 2 internal failure.
`;

export const run: Command = async (argv, io) => {
  const args = parseArgs(argv, { values: ['feeds', 'claims', 'data'], booleans: ['json', 'no-digest'] }, 'run');
  if (args.help) {
    io.stdout.write(HELP);
    return EXIT.ok;
  }
  const json = Boolean(args.bools.json);
  const deps = await openDeps(io, args.flags, { terminal: json ? io.stderr : io.stdout });
  try {
    const summary = await cycleNow(deps, { digest: !args.bools['no-digest'] });
    writeSummary(io, summary, json);
    return EXIT.ok;
  } catch (e) {
    if (e instanceof ClaimwatchError && e.code === 'run_in_progress') {
      io.stderr.write(`claimwatch run: ${e.message}\n`);
      return EXIT.internal;
    }
    throw e;
  } finally {
    await deps.close();
  }
};

export function writeSummary(io: CliIO, s: RunSummary, json: boolean): void {
  if (json) {
    const out = {
      runId: s.runId,
      items: s.items,
      feeds: s.feeds,
      classified: s.classified,
      matched: s.matched,
      digest: s.digest,
      ...(s.failed ? { failed: s.failed } : {}),
    };
    io.stdout.write(`${JSON.stringify(out)}\n`);
    return;
  }
  const failed = s.feeds.filter((f) => !f.ok);
  const lines = [
    `run ${s.runId}: ${s.items.fetched} fetched, ${s.items.new} new, ${s.items.duplicates} already seen; ${s.classified} classified, ${s.matched} linked to claims; digest: ${s.digest.items} items → ${s.digest.target}`,
    `feeds: ${s.feeds.length - failed.length}/${s.feeds.length} ok`,
    ...failed.map((f) => `  ✗ ${f.url}  ${f.error ?? 'failed'}${f.status ? ` (HTTP ${f.status})` : ''}`),
    ...(s.failed ? [`${s.failed} items could not be stored; the next run retries them`] : []),
  ];
  io.stderr.write(`${lines.join('\n')}\n`);
}

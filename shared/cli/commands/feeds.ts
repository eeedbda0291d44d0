import { feedHealth } from '../../use-cases/feed-health.ts';
import { parseArgs } from '../args.ts';
import { COMMON_FLAG_HELP, openDeps } from '../context.ts';
import { EXIT, type Command } from '../io.ts';

const HELP = `Usage: claimwatch feeds [--feeds FILE] [--data DIR] [--json]

Feed health: for each configured feed, the last success, last HTTP status, consecutive failures and
the last error code. Feeds failing past CLAIMWATCH_FAILING_FEED_THRESHOLD (default 3) are marked.

${COMMON_FLAG_HELP}
  --json          one JSON object on stdout
`;

export const feeds: Command = async (argv, io) => {
  const args = parseArgs(argv, { values: ['feeds', 'claims', 'data'], booleans: ['json'] }, 'feeds');
  if (args.help) {
    io.stdout.write(HELP);
    return EXIT.ok;
  }
  const deps = await openDeps(io, args.flags, { progress: false });
  try {
    const rows = await feedHealth({ store: deps.store, feeds: deps.feeds, threshold: deps.env.digest.failingFeedThreshold });
    if (args.bools.json) io.stdout.write(`${JSON.stringify({ feeds: rows })}\n`);
    else io.stdout.write(formatFeedHealth(rows));
    return EXIT.ok;
  } finally {
    await deps.close();
  }
};

export function formatFeedHealth(rows: Awaited<ReturnType<typeof feedHealth>>): string {
  if (rows.length === 0) return 'No feeds configured.\n';
  const lines = rows.map((r) => {
    const mark = r.failing ? '✗' : r.lastSuccessAt ? '✓' : '·';
    const status = r.lastStatus ? `HTTP ${r.lastStatus}` : r.lastErrorCode ? 'no response' : 'never fetched';
    const err = r.lastErrorCode ? `  ${r.lastErrorCode} ×${r.consecutiveFailures}` : '';
    return `${mark} ${r.name ?? r.url}\n    ${r.url}\n    last success ${r.lastSuccessAt ?? 'never'} · ${status}${err}`;
  });
  return `${lines.join('\n')}\n`;
}

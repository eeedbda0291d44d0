import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFeedsFile } from '../../domain/feeds.ts';
import { startStaticFeedServer } from '../../runtime/static-feed-server.ts';
import { parseArgs } from '../args.ts';
import { openDeps } from '../context.ts';
import { EXIT, type Command } from '../io.ts';
import { cycleNow } from '../../runtime/wiring.ts';
import { writeSummary } from './run.ts';

const DEMO_DIR = fileURLToPath(new URL('../../../seeds/demo-feeds/', import.meta.url));

const HELP = `Usage: claimwatch demo [--data DIR] [--json]

The whole cycle with no network: serves the bundled feed files in seeds/demo-feeds/ (English and
Russian, RSS 2.0, RSS 1.0 and Atom) from a local HTTP server on 127.0.0.1, ingests them with the
seed articles, classifies them against seeds/claims.json and shows the digest.
The demo starts from an empty data directory each time (default .claimwatch/demo).

  --data DIR   data directory for the demo (default: .claimwatch/demo); emptied first
  --json       print the run summary as one JSON object on stdout (the digest goes to stderr)
`;

export const demo: Command = async (argv, io) => {
  const args = parseArgs(argv, { values: ['data', 'claims'], booleans: ['json'] }, 'demo');
  if (args.help) {
    io.stdout.write(HELP);
    return EXIT.ok;
  }
  const json = Boolean(args.bools.json);
  const dataDir = path.resolve(io.cwd, args.flags.data ?? path.join(io.env.CLAIMWATCH_DATA_DIR ?? '.claimwatch', 'demo'));
  await rm(dataDir, { recursive: true, force: true });

  const server = await startStaticFeedServer(DEMO_DIR);
  try {
    const listing = JSON.parse(await readFile(path.join(DEMO_DIR, 'feeds.json'), 'utf8')) as {
      feeds: Array<{ path: string; name?: string; topics?: string[]; language?: string }>;
    };
    const feedsDoc = { feeds: listing.feeds.map(({ path: p, ...rest }) => ({ ...rest, url: new URL(p, server.baseUrl).href })) };
    const feeds = parseFeedsFile(JSON.stringify(feedsDoc), 'seeds/demo-feeds/feeds.json');
    // The demo never posts to Slack, whatever the environment says.
    const env = { ...io.env, SLACK_BOT_TOKEN: '', SLACK_BOT_TOKEN_SECRET_ARN: '', CLAIMWATCH_TABLE_NAME: '', CLAIMWATCH_BUCKET_NAME: '' };
    const deps = await openDeps({ ...io, env }, { data: dataDir, claims: args.flags.claims }, { terminal: json ? io.stderr : io.stdout, overrides: { feeds } });
    try {
      const summary = await cycleNow(deps);
      writeSummary(io, summary, json);
      if (!json) io.stderr.write(`preview: ${path.join(dataDir, 'digest.html')}\n`);
      return EXIT.ok;
    } finally {
      await deps.close();
    }
  } finally {
    await server.close();
  }
};

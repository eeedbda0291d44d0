import { formatTimeline } from '../../domain/timeline.ts';
import { claimTimelines } from '../../use-cases/claim-timeline.ts';
import { parseArgs } from '../args.ts';
import { COMMON_FLAG_HELP, openDeps } from '../context.ts';
import { EXIT, type Command } from '../io.ts';

const HELP = `Usage: claimwatch claims [--claims FILE] [--data DIR] [--json]

The claim timeline, from what is stored: for each claim, when it was first and last reported, the
counts by stance, and the latest figure or state with its source and date.

${COMMON_FLAG_HELP}
  --json          one JSON object on stdout
`;

export const claims: Command = async (argv, io) => {
  const args = parseArgs(argv, { values: ['feeds', 'claims', 'data'], booleans: ['json'] }, 'claims');
  if (args.help) {
    io.stdout.write(HELP);
    return EXIT.ok;
  }
  const deps = await openDeps(io, args.flags, { progress: false });
  try {
    const timelines = await claimTimelines(deps);
    if (args.bools.json) io.stdout.write(`${JSON.stringify({ claims: timelines })}\n`);
    else io.stdout.write(`${timelines.map((t) => formatTimeline(t, deps.env.digest.timeZone)).join('\n')}\n`);
    return EXIT.ok;
  } finally {
    await deps.close();
  }
};

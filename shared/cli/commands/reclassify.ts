import { reclassify as reclassifyItems } from '../../use-cases/reclassify.ts';
import { parseArgs } from '../args.ts';
import { COMMON_FLAG_HELP, openDeps } from '../context.ts';
import { EXIT, type Command } from '../io.ts';

const HELP = `Usage: claimwatch reclassify [--claims FILE] [--data DIR] [--json]

Re-scores every stored item against the claims file, reading each item from its S3 copy, and
replaces its stored classification and claim links. Run it after the claims file changes.

${COMMON_FLAG_HELP}
  --json          one JSON summary on stdout
`;

export const reclassify: Command = async (argv, io) => {
  const args = parseArgs(argv, { values: ['feeds', 'claims', 'data'], booleans: ['json'] }, 'reclassify');
  if (args.help) {
    io.stdout.write(HELP);
    return EXIT.ok;
  }
  const deps = await openDeps(io, args.flags);
  try {
    const result = await reclassifyItems(deps);
    if (args.bools.json) io.stdout.write(`${JSON.stringify(result)}\n`);
    else io.stdout.write(`reclassified ${result.items} items: ${result.changed} changed, ${result.linked} linked to claims, ${result.missing} without an S3 copy\n`);
    return EXIT.ok;
  } finally {
    await deps.close();
  }
};

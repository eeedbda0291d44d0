// The claimwatch command: dispatches to one module per command, loaded on demand so that
// `classify` does not pay for the AWS SDK and `run` does not pay for what it does not use.
import { ClaimwatchError, ConfigError } from '../errors.ts';
import { EXIT, type CliIO, type Command } from './io.ts';

const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  run: { summary: 'one full cycle: ingest seeds and feeds, classify, store, digest', load: async () => (await import('./commands/run.ts')).run },
  demo: { summary: 'the cycle against bundled feed files served on 127.0.0.1 (no network)', load: async () => (await import('./commands/demo.ts')).demo },
  classify: { summary: 'classify a JSONL file of items against a claims file', load: async () => (await import('./commands/classify.ts')).classify },
  digest: { summary: 'render (and post) the digest of what is new', load: async () => (await import('./commands/digest.ts')).digest },
  claims: { summary: 'the claim timeline: first seen, stances, latest values', load: async () => (await import('./commands/claims.ts')).claims },
  feeds: { summary: 'feed health: last success, status, failures', load: async () => (await import('./commands/feeds.ts')).feeds },
  reclassify: { summary: 're-score stored items from their S3 copies after the claims changed', load: async () => (await import('./commands/reclassify.ts')).reclassify },
};

export const HELP = `claimwatch: watches news on Kazakhstan, the SCO and the CSTO against claims from seed articles

Usage: claimwatch <command> [options]   (claimwatch <command> --help for its options)

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(11)} ${c.summary}`)
  .join('\n')}

Exit codes: 0 done (also when some feeds failed), 1 bad input or configuration, 2 internal failure.
`;

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(HELP);
    return name ? EXIT.ok : EXIT.badInput;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr.write(`claimwatch: unknown command "${name}"\n\n${HELP}`);
    return EXIT.badInput;
  }
  try {
    return await (await command.load())(rest, io);
  } catch (error) {
    return reportError(error, io);
  }
}

/** Maps an error to a message on stderr and an exit code. */
export function reportError(error: unknown, io: CliIO): number {
  if (error instanceof ConfigError || (error instanceof ClaimwatchError && /_invalid$/.test(error.code))) {
    io.stderr.write(`claimwatch: ${error.message}\n`);
    return EXIT.badInput;
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  io.stderr.write(`claimwatch: internal error: ${detail}\n`);
  return EXIT.internal;
}

import type { Writable } from 'node:stream';

/** What a CLI command gets from the process: streams, environment and working directory. */
export interface CliIO {
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  env: Record<string, string | undefined>;
  cwd: string;
}

/** A command: parses its own argv (after the command name) and returns the exit code. */
export type Command = (argv: string[], io: CliIO) => Promise<number>;

/** Exit codes, a stable contract: 0 done (also with failed feeds), 1 bad input/config, 2 internal. */
export const EXIT = { ok: 0, badInput: 1, internal: 2 } as const;

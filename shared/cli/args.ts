import { ConfigError } from '../errors.ts';

export interface FlagSpec {
  /** Flags that take a value, e.g. `feeds` for `--feeds FILE`. */
  values?: string[];
  /** Boolean flags, e.g. `json`. */
  booleans?: string[];
}

export interface ParsedArgs {
  flags: Record<string, string | undefined>;
  bools: Record<string, boolean>;
  positionals: string[];
  help: boolean;
}

/** Parses `--name value`, `--name=value` and boolean flags; unknown flags are a ConfigError naming them. */
export function parseArgs(argv: string[], spec: FlagSpec, command: string): ParsedArgs {
  const values = new Set(spec.values ?? []);
  const booleans = new Set(spec.booleans ?? []);
  const out: ParsedArgs = { flags: {}, bools: {}, positionals: [], help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      out.help = true;
      continue;
    }
    if (!arg.startsWith('--')) {
      out.positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    if (booleans.has(name) && eq === -1) {
      out.bools[name] = true;
    } else if (values.has(name)) {
      const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
      if (value === undefined || (eq === -1 && value.startsWith('--'))) {
        throw new ConfigError(`claimwatch ${command}: --${name} needs a value`, undefined, 'input_invalid');
      }
      out.flags[name] = value;
    } else {
      throw new ConfigError(`claimwatch ${command}: unknown option --${name} (see claimwatch ${command} --help)`, undefined, 'input_invalid');
    }
  }
  return out;
}

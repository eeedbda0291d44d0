import { readFile, writeFile } from 'node:fs/promises';
import { createLocalClassifier } from '../../adapters/local-classifier.ts';
import { parseClaimsFile } from '../../domain/claims.ts';
import type { ClassifiableItem } from '../../domain/types.ts';
import { ConfigError } from '../../errors.ts';
import { parseArgs } from '../args.ts';
import { EXIT, type Command } from '../io.ts';

const HELP = `Usage: claimwatch classify --claims FILE --items FILE.jsonl --out FILE.jsonl

Classifies every item (one JSON object a line with at least "id", "title" and "text") against the
claims file and writes one line per item:
  {"id", "relevant", "topics", "claims": [{"claim", "stance", "evidence", "score"}]}
Stances: supports, contradicts, updates, mentions; evidence is a sentence copied from the item.
`;

async function read(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`${file}: cannot read the ${what} file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, undefined, 'input_invalid');
  }
}

/** Parses a JSONL file of items; errors name the file and line. */
export function parseItemsJsonl(text: string, file: string): ClassifiableItem[] {
  const items: ClassifiableItem[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let v: Record<string, unknown>;
    try {
      v = JSON.parse(line);
    } catch (e) {
      throw new ConfigError(`${file}: line ${i + 1}: not valid JSON (${(e as Error).message})`, undefined, 'input_invalid');
    }
    for (const key of ['id', 'title', 'text']) {
      if (typeof v[key] !== 'string') throw new ConfigError(`${file}: line ${i + 1}: "${key}" must be a string`, undefined, 'input_invalid');
    }
    items.push({ id: v.id as string, title: v.title as string, text: v.text as string, date: typeof v.date === 'string' ? v.date : undefined });
  });
  return items;
}

export const classify: Command = async (argv, io) => {
  const args = parseArgs(argv, { values: ['claims', 'items', 'out'] }, 'classify');
  if (args.help) {
    io.stdout.write(HELP);
    return EXIT.ok;
  }
  for (const key of ['claims', 'items', 'out']) {
    if (!args.flags[key]) throw new ConfigError(`claimwatch classify: --${key} is required (see --help)`, undefined, 'input_invalid');
  }
  const claims = parseClaimsFile(await read(args.flags.claims!, 'claims'), args.flags.claims!);
  const items = parseItemsJsonl(await read(args.flags.items!, 'items'), args.flags.items!);
  const verdicts = await createLocalClassifier(claims).classify(items);
  await writeFile(args.flags.out!, verdicts.map((v) => JSON.stringify(v)).join('\n') + (verdicts.length ? '\n' : ''));
  io.stderr.write(`classified ${verdicts.length} items against ${claims.length} claims → ${args.flags.out}\n`);
  return EXIT.ok;
};

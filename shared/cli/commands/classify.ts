// claimwatch classify: classification only, no storage. A stable contract (../shared/eval/README.md):
// JSONL items in (id, title, text), one JSON line per item out (id, relevant, topics, claims).
// Flow: claims file + items file → local classifier → predictions file
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createLocalClassifier } from '../../adapters/local-classifier.ts';
import { parseClaimsFile } from '../../domain/claims.ts';
import type { ClassifiableItem } from '../../domain/types.ts';
import { ConfigError } from '../../errors.ts';
import { parseArgs } from '../args.ts';
import { EXIT, type Command } from '../io.ts';

const PACKAGE_ROOT = path.resolve(import.meta.dirname, '..', '..', '..');

const HELP = `Usage: claimwatch classify --claims FILE --items FILE.jsonl --out FILE.jsonl

Classifies every item against the claims and writes one JSON line per item, in input order.

  --claims FILE   claims file {"claims": [{"id", "text"}]} (default: seeds/claims.json of this package)
  --items FILE    JSONL, one item a line: {"id", "title", "text"} (other fields are ignored;
                  "date" is used when present)
  --out FILE      where to write the predictions ("-" for stdout):
                  {"id", "relevant", "topics", "claims": [{"claim", "stance", "evidence", "score", "update"?}]}

Stances: supports, contradicts, updates, mentions. Evidence is a sentence copied from the item's
title or text. Topics: kazakhstan, sco, csto, china. Exit code 1 on a bad claims or items file.
`;

async function read(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new ConfigError(`${file}: cannot read the ${what} file (${code})`, undefined, what === 'claims' ? 'claims_invalid' : 'input_invalid');
  }
}

/** Parses a JSONL file of items; errors name the file, the line and the field. */
export function parseItemsJsonl(text: string, file: string): ClassifiableItem[] {
  const items: ClassifiableItem[] = [];
  const seen = new Set<string>();
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const at = `${file}: line ${i + 1}`;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch (e) {
      throw new ConfigError(`${at}: not valid JSON (${(e as Error).message})`, undefined, 'input_invalid');
    }
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ConfigError(`${at}: must be a JSON object`, undefined, 'input_invalid');
    const o = v as Record<string, unknown>;
    const id = typeof o.id === 'number' ? String(o.id) : o.id;
    if (typeof id !== 'string' || !id) throw new ConfigError(`${at}: "id" must be a non-empty string`, undefined, 'input_invalid');
    if (seen.has(id)) throw new ConfigError(`${at}: duplicate id "${id}"`, undefined, 'input_invalid');
    seen.add(id);
    if (typeof o.text !== 'string') throw new ConfigError(`${at} (id "${id}"): "text" must be a string`, undefined, 'input_invalid');
    if (o.title !== undefined && o.title !== null && typeof o.title !== 'string') throw new ConfigError(`${at} (id "${id}"): "title" must be a string`, undefined, 'input_invalid');
    const date = [o.date, o.publishedAt, o.published].find((d): d is string => typeof d === 'string');
    items.push({ id, title: typeof o.title === 'string' ? o.title : '', text: o.text, ...(date ? { date } : {}), ...(typeof o.language === 'string' ? { language: o.language } : {}) });
  });
  return items;
}

export const classify: Command = async (argv, io) => {
  const args = parseArgs(argv, { values: ['claims', 'items', 'out'] }, 'classify');
  if (args.help) {
    io.stdout.write(HELP);
    return EXIT.ok;
  }
  for (const key of ['items', 'out']) {
    if (!args.flags[key]) throw new ConfigError(`claimwatch classify: --${key} is required (see --help)`, undefined, 'input_invalid');
  }
  const claimsFile = args.flags.claims ? path.resolve(io.cwd, args.flags.claims) : path.join(PACKAGE_ROOT, 'seeds', 'claims.json');
  const itemsFile = path.resolve(io.cwd, args.flags.items!);
  const claims = parseClaimsFile(await read(claimsFile, 'claims'), args.flags.claims ?? claimsFile);
  const items = parseItemsJsonl(await read(itemsFile, 'items'), args.flags.items!);
  const started = performance.now();
  const verdicts = await createLocalClassifier(claims).classify(items);
  const ms = performance.now() - started;
  const body = verdicts.map((v) => JSON.stringify(v)).join('\n') + (verdicts.length ? '\n' : '');
  if (args.flags.out === '-') io.stdout.write(body);
  else {
    try {
      await writeFile(path.resolve(io.cwd, args.flags.out!), body);
    } catch (e) {
      throw new ConfigError(`${args.flags.out}: cannot write the output file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, undefined, 'input_invalid');
    }
  }
  const linked = verdicts.reduce((n, v) => n + v.claims.length, 0);
  io.stderr.write(`classified ${verdicts.length} items against ${claims.length} claims: ${verdicts.filter((v) => v.relevant).length} relevant, ${linked} claim links (${Math.round(ms)} ms) → ${args.flags.out}\n`);
  return EXIT.ok;
};

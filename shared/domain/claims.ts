// Claims file: `{"claims": [{"id": "…", "text": "…"}]}`; other fields optional, unknown ones allowed.
import { ConfigError } from '../errors.ts';
import type { Claim } from './types.ts';

/** "line L, column C" of a character offset, for JSON errors. */
function lineCol(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}, column ${before[before.length - 1].length + 1}`;
}

/** Parses and validates a claims file; errors name the file, the claim and the field at fault. */
export function parseClaimsFile(text: string, fileName: string): Claim[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const pos = /position (\d+)/.exec((e as Error).message)?.[1];
    throw new ConfigError(`${fileName}: not valid JSON${pos ? ` at ${lineCol(text, Number(pos))}` : ''} (${(e as Error).message})`, undefined, 'claims_invalid');
  }
  const claims = (doc as { claims?: unknown } | null)?.claims;
  if (!Array.isArray(claims)) throw new ConfigError(`${fileName}: "claims" must be an array of {"id", "text"}`, undefined, 'claims_invalid');
  if (claims.length === 0) throw new ConfigError(`${fileName}: "claims" is empty`, undefined, 'claims_invalid');
  const problems: string[] = [];
  const seen = new Set<string>();
  const out: Claim[] = [];
  claims.forEach((raw, i) => {
    const c = raw as Record<string, unknown> | null;
    const idText = typeof c?.id === 'string' ? ` (id "${c.id}")` : '';
    const at = `${fileName}: claims[${i}]${idText}`;
    if (typeof c !== 'object' || c === null || Array.isArray(c)) return void problems.push(`${at} must be an object`);
    if (typeof c.id !== 'string' || !c.id.trim()) return void problems.push(`${at}: "id" must be a non-empty string`);
    if (seen.has(c.id)) return void problems.push(`${at}: duplicate id "${c.id}"`);
    seen.add(c.id);
    if (typeof c.text !== 'string' || !c.text.trim()) return void problems.push(`${at}: "text" must be a non-empty string`);
    if (c.seeds !== undefined && (!Array.isArray(c.seeds) || c.seeds.some((s) => typeof s !== 'string'))) problems.push(`${at}: "seeds" must be a list of strings`);
    if (c.quote !== undefined && typeof c.quote !== 'string') problems.push(`${at}: "quote" must be a string`);
    out.push({ id: c.id, text: c.text.trim(), seeds: c.seeds as string[] | undefined, quote: c.quote as string | undefined });
  });
  if (problems.length) throw new ConfigError(problems.join('\n'), problems, 'claims_invalid');
  return out;
}

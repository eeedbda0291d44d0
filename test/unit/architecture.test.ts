// Enforces the direction of dependencies described in ../shared/STYLE.md by reading import lines.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

function files(dir: string): string[] {
  const abs = path.join(ROOT, dir);
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ts|js|mjs)$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
    }
  };
  walk(abs);
  return out;
}

/** Import specifiers of a file, resolved to repo-relative paths for relative imports. */
function imports(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  const specs = [...src.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]);
  return specs.map((s) => (s.startsWith('.') ? path.relative(ROOT, path.resolve(path.dirname(file), s)) : s));
}

const rel = (f: string) => path.relative(ROOT, f);

function violations(dir: string, allowed: (spec: string, file: string) => boolean): string[] {
  return files(dir).flatMap((f) => imports(f).filter((s) => !allowed(s, rel(f))).map((s) => `${rel(f)} imports ${s}`));
}

const isLocal = (s: string) => s.startsWith('shared/') || s.startsWith('functions/') || s.startsWith('infra/') || s.startsWith('seeds/') || s.startsWith('test/');
const IO_MODULES = /^(node:)?(fs|fs\/promises|net|http|https|http2|child_process|dgram|dns|tls)$/;

describe('dependency directions', () => {
  it('infra imports nothing from shared/ or functions/', () => {
    assert.deepEqual(violations('infra', (s) => !s.startsWith('shared/') && !s.startsWith('functions/')), []);
  });

  it('shared never imports functions/ or infra/', () => {
    assert.deepEqual(violations('shared', (s) => !s.startsWith('functions/') && !s.startsWith('infra/')), []);
  });

  it('domain imports only domain and errors, no SDK and no I/O modules', () => {
    const allowed = (s: string) =>
      isLocal(s) ? s.startsWith('shared/domain/') || s === 'shared/errors.ts' : !s.startsWith('@aws-sdk/') && !s.startsWith('@slack/') && s !== 'rss-parser' && !IO_MODULES.test(s);
    assert.deepEqual(violations('shared/domain', allowed), []);
  });

  it('ports import only domain and errors', () => {
    assert.deepEqual(violations('shared/ports', (s) => s.startsWith('shared/domain/') || s === 'shared/errors.ts'), []);
  });

  it('use cases depend on ports and domain only, never on adapters, runtime or SDKs', () => {
    const allowed = (s: string) =>
      isLocal(s)
        ? ['shared/domain/', 'shared/ports/', 'shared/use-cases/'].some((p) => s.startsWith(p)) || s === 'shared/errors.ts'
        : s.startsWith('node:') && !IO_MODULES.test(s);
    assert.deepEqual(violations('shared/use-cases', allowed), []);
  });

  it('adapters implement ports: they never import use cases, runtime or the CLI', () => {
    const allowed = (s: string) => !isLocal(s) || ['shared/domain/', 'shared/ports/', 'shared/adapters/'].some((p) => s.startsWith(p)) || s === 'shared/errors.ts' || s.startsWith('seeds/');
    assert.deepEqual(violations('shared/adapters', allowed), []);
  });

  it('only composition roots (functions, cli, runtime) choose adapters', () => {
    const roots = ['functions/', 'shared/cli/', 'shared/runtime/', 'shared/adapters/'];
    const bad = ['shared', 'functions']
      .flatMap((d) => files(d))
      .filter((f) => !roots.some((r) => rel(f).startsWith(r)))
      .flatMap((f) => imports(f).filter((s) => s.startsWith('shared/adapters/')).map((s) => `${rel(f)} imports ${s}`));
    assert.deepEqual(bad, []);
  });

  it('domain, ports, use cases and adapters read no environment and domain reads no clock', () => {
    const offenders: string[] = [];
    for (const dir of ['shared/domain', 'shared/ports', 'shared/use-cases', 'shared/adapters']) {
      for (const f of files(dir)) {
        const src = readFileSync(f, 'utf8');
        if (/process\.env/.test(src)) offenders.push(`${rel(f)} reads process.env`);
        if (dir === 'shared/domain' && /Date\.now\(\)|new Date\(\)/.test(src)) offenders.push(`${rel(f)} reads the clock`);
      }
    }
    assert.deepEqual(offenders, []);
  });

  it('finds the imports it checks (the rule reader works)', () => {
    const found = imports(path.join(ROOT, 'shared/use-cases/ingest.ts'));
    assert.ok(found.includes('shared/ports/index.ts'), `got ${found.join(', ')}`);
  });
});

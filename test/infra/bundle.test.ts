// The bundles scripts/bundle.ts builds are the ones the CDK app deploys, and they load as ESM.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { App } from 'aws-cdk-lib';
import { buildApp } from '../../infra/app.ts';
import { FUNCTION_NAMES } from '../../infra/bundling.ts';
import { type BundleInfo, bundleAll } from '../../scripts/bundle.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const md5 = (file: string) => createHash('md5').update(readFileSync(file)).digest('hex');

describe('bundleAll', () => {
  // Under the repo, so that the external @aws-sdk/* imports resolve from node_modules as in Lambda.
  const outDir = mkdtempSync(path.join(ROOT, 'node_modules', '.cache-claimwatch-bundles-'));
  let bundles: Record<string, BundleInfo>;

  before(async () => {
    bundles = await bundleAll(outDir);
  });
  after(() => rmSync(outDir, { recursive: true, force: true }));

  it('builds one minified ESM bundle with a source map per function and reports its size', () => {
    assert.deepEqual(Object.keys(bundles).sort(), [...FUNCTION_NAMES].sort());
    for (const [name, b] of Object.entries(bundles)) {
      assert.ok(b.bytes > 1000, `${name}: ${b.bytes} bytes`);
      assert.equal(path.basename(b.file), 'index.mjs');
      const code = readFileSync(b.file, 'utf8');
      assert.ok(code.startsWith("import { createRequire as __cr } from 'module'; const require = __cr(import.meta.url);\n"), `${name} starts with the require banner`);
      assert.match(code, /\/\/# sourceMappingURL=index\.mjs\.map\s*$/, `${name} has a source map`);
      assert.ok(readdirSync(path.dirname(b.file)).includes('index.mjs.map'));
      const lines = code.split('\n').length;
      assert.ok(code.length / lines > 500, `${name} is minified (${lines} lines)`);
    }
  });

  it('leaves the AWS SDK and the local emulators out of the bundles', () => {
    for (const [name, b] of Object.entries(bundles)) {
      const names = (b.inputs ?? []).map((i) => i.name);
      assert.ok(!names.some((n) => n.startsWith('@aws-sdk/') || n.startsWith('@smithy/')), `${name}: ${names.join(', ')}`);
      assert.ok(!names.includes('dynalite') && !names.includes('s3rver'), `${name}: ${names.join(', ')}`);
    }
    assert.ok(bundles['slack-command']!.bytes < 50 * 1024, 'the 3-second path stays small');
  });

  it('loads every bundle as an ES module that exports handler', () => {
    const script = `for (const f of process.argv.slice(1)) { const m = await import(f); if (typeof m.handler !== 'function') throw new Error(f + ': no handler'); console.log('ok'); }`;
    const out = execFileSync(process.execPath, ['--no-warnings', '--input-type=module', '-e', script, ...Object.values(bundles).map((b) => b.file)], {
      env: {
        PATH: process.env.PATH,
        // slack-command validates its three settings at import time.
        CLAIMWATCH_WORKER_FUNCTION_NAME: 'claimwatch-worker',
        SLACK_SIGNING_SECRET: 'test-secret',
        AWS_REGION: 'us-east-1',
      },
      encoding: 'utf8',
    });
    assert.equal(out.trim().split('\n').length, FUNCTION_NAMES.length);
  });

  it('produces byte for byte the code the CDK app bundles for Lambda', async () => {
    const cdkOut = mkdtempSync(path.join(tmpdir(), 'claimwatch-cdk-bundled-'));
    try {
      const app = new App({ outdir: cdkOut });
      buildApp(app, 'dev');
      app.synth();
      // One asset folder per function, each holding the index.mjs esbuild wrote for it.
      const assets = readdirSync(cdkOut)
        .filter((d) => d.startsWith('asset.') && readdirSync(path.join(cdkOut, d)).includes('index.mjs'))
        .map((d) => md5(path.join(cdkOut, d, 'index.mjs')))
        .sort();
      assert.equal(assets.length, FUNCTION_NAMES.length);
      // Bundled again right after the synth, so an edit in between cannot make them differ.
      const again = await bundleAll(path.join(outDir, 'again'));
      assert.deepEqual(assets, Object.values(again).map((b) => md5(b.file)).sort());
    } finally {
      rmSync(cdkOut, { recursive: true, force: true });
    }
  });
});

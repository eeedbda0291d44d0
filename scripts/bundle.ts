// Builds every Lambda handler with esbuild exactly as the CDK app does (infra/bundling.ts holds the
// options both use) and prints the bundle size per function, with the largest inputs of each.
//   node --import tsx scripts/bundle.ts [--out DIR] [--top N] [--json]
// The benchmark imports bundleAll() to measure bundle size and cold init of the real bundles.
import { build, type BuildOptions } from 'esbuild';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLING, FUNCTION_NAMES } from '../infra/bundling.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface BundleInfo {
  /** Size of the bundle (index.mjs) in bytes, without its source map. */
  bytes: number;
  /** Absolute path of the bundle. */
  file: string;
  /** Bytes of the bundle contributed by each input, largest first (packages grouped by name). */
  inputs?: Array<{ name: string; bytes: number }>;
}

/** Groups an esbuild input path by package (`node_modules/wink-nlp/…` → `wink-nlp`) or folder. */
function inputGroup(p: string): string {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(p);
  if (m) return m[1]!;
  const parts = p.split('/');
  return parts.length > 2 ? `${parts[0]}/${parts[1]}` : p;
}

/**
 * Bundles each function into `<outDir>/<name>/index.mjs` (plus source map) with the options of
 * the NodejsFunction construct. Returns the size and path per function.
 */
/** esbuild options of the Lambda bundles (infra/bundling.ts), shared by every script that builds them. */
export function lambdaBuildOptions(): BuildOptions {
  return {
    bundle: true,
    platform: BUNDLING.platform,
    target: BUNDLING.target,
    format: BUNDLING.format,
    minify: BUNDLING.minify,
    mainFields: [...BUNDLING.mainFields],
    external: [...BUNDLING.externalModules],
    banner: { js: BUNDLING.banner },
    logLevel: 'error',
  };
}

export async function bundleAll(outDir: string): Promise<Record<string, BundleInfo>> {
  const results = await Promise.all(
    FUNCTION_NAMES.map(async (name) => {
      const outfile = path.join(outDir, name, BUNDLING.outFile);
      const result = await build({
        absWorkingDir: ROOT,
        entryPoints: [path.join(ROOT, 'functions', name, 'handler.ts')],
        outfile,
        ...lambdaBuildOptions(),
        sourcemap: BUNDLING.sourceMap,
        metafile: true,
      });
      const output = Object.entries(result.metafile.outputs).find(([file]) => file.endsWith(BUNDLING.outFile))?.[1];
      const groups = new Map<string, number>();
      for (const [input, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
        const g = inputGroup(input);
        groups.set(g, (groups.get(g) ?? 0) + bytesInOutput);
      }
      const inputs = [...groups].map(([n, bytes]) => ({ name: n, bytes })).sort((a, b) => b.bytes - a.bytes);
      return [name, { bytes: statSync(outfile).size, file: outfile, inputs }] as const;
    }),
  );
  return Object.fromEntries(results);
}

async function main(argv: string[]): Promise<void> {
  const arg = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const outDir = path.resolve(arg('--out') ?? mkdtempSync(path.join(tmpdir(), 'claimwatch-bundles-')));
  const top = Number(arg('--top') ?? 5);
  const bundles = await bundleAll(outDir);
  if (argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify(bundles, null, 2)}\n`);
    return;
  }
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  process.stdout.write(`bundles in ${outDir} (minified ESM, AWS SDK external; source maps not counted)\n`);
  for (const [name, b] of Object.entries(bundles)) {
    const biggest = (b.inputs ?? []).slice(0, top).map((i) => `${i.name} ${kb(i.bytes)}`).join(', ');
    process.stdout.write(`${name.padEnd(14)} ${kb(b.bytes).padStart(10)}   ${biggest}\n`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`bundle: ${(e as Error).message}\n`);
    process.exit(2);
  });
}

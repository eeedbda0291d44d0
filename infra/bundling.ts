// How every handler is bundled, as plain data with no CDK import, so that the BotFunction construct
// and scripts/bundle.ts (bundle sizes, the benchmark's cold-init measurement) build the same files.

/** The functions of the bot stack: folders under functions/, each with a handler.ts. */
export const FUNCTION_NAMES = ['plan-ingest', 'ingest-feeds', 'send-digest', 'slack-command', 'slack-worker'] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];

/**
 * esbuild settings of every function. ESM output (`index.mjs`) so top-level await and the
 * handlers' JSON imports work as in tsx; the banner gives CommonJS dependencies that call
 * `require` a working one. The AWS SDK v3 is provided by the Node.js Lambda runtime.
 */
export const BUNDLING = {
  minify: true,
  sourceMap: true,
  target: 'node22',
  format: 'esm',
  platform: 'node',
  mainFields: ['module', 'main'],
  // The embedded emulators are imported only when no table is configured, never in Lambda.
  externalModules: ['@aws-sdk/*', 'dynalite', 's3rver'],
  banner: "import { createRequire as __cr } from 'module'; const require = __cr(import.meta.url);",
  outFile: 'index.mjs',
} as const;

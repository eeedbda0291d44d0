#!/usr/bin/env node
// Entry point of the `claimwatch` command: runs the TypeScript CLI through tsx.
import { register } from 'tsx/esm/api';

process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE ??= '1';
register();
const { main } = await import('../shared/cli/main.ts');
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});

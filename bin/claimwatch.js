#!/usr/bin/env node
// Entry point of the `claimwatch` command: runs the TypeScript CLI through tsx.
import { register } from 'tsx/esm/api';

// Node 20 is supported by this project; the SDK's notice about its future Node 22 floor is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
register();
const { main } = await import('../shared/cli/main.ts');
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});

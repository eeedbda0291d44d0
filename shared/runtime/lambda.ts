// Lambda composition: env validated once, Powertools logger and metrics, deps built once per
// container and reused across invocations.
import { loadEnv } from './load-env.ts';
import { makeDeps } from './make-deps.ts';
import type { Deps } from './deps.ts';
import { createLambdaObservability } from './observability.ts';

export interface LambdaContext {
  deps: Deps;
  /** Publishes buffered metrics; call at the end of every invocation. */
  flush(): void;
}

let cached: Promise<LambdaContext> | undefined;

export function lambdaContext(): Promise<LambdaContext> {
  cached ??= (async () => {
    const env = loadEnv(process.env);
    const obs = await createLambdaObservability();
    const deps = await makeDeps(env, { log: obs.log, metrics: obs.metrics, terminal: process.stdout });
    return { deps, flush: obs.flush };
  })().catch((e) => {
    cached = undefined; // a failed cold start is retried on the next invocation
    throw e;
  });
  return cached;
}

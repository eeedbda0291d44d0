// Secrets Manager → secret string by ARN, cached per container (a cold start reads it once; the
// cache expires so a rotated secret is picked up).
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ClaimwatchError } from '../errors.ts';

export interface SecretReaderOptions {
  client?: SecretsManagerClient;
  /** How long a value is reused (default 5 minutes). */
  ttlMs?: number;
  /** For tests; defaults to Date.now. */
  now?: () => number;
}

/** Returns a cached reader of secret strings by ARN. */
export function createSecretReader(options: SecretReaderOptions = {}): (arn: string) => Promise<string> {
  const ttl = options.ttlMs ?? 5 * 60_000;
  const now = options.now ?? Date.now;
  let client = options.client;
  const cache = new Map<string, { value: Promise<string>; at: number }>();
  return (arn: string) => {
    const hit = cache.get(arn);
    if (hit && now() - hit.at < ttl) return hit.value;
    client ??= new SecretsManagerClient({ maxAttempts: 3 });
    const c = client;
    const value = (async () => {
      try {
        const res = await c.send(new GetSecretValueCommand({ SecretId: arn }));
        if (!res.SecretString) throw new Error('secret has no string value');
        return res.SecretString.trim();
      } catch (e) {
        cache.delete(arn); // a failure is not cached
        throw new ClaimwatchError('config_invalid', `cannot read secret ${arn}: ${(e as Error).message}`, { cause: e });
      }
    })();
    cache.set(arn, { value, at: now() });
    return value;
  };
}

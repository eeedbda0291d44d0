import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createSecretReader } from '../../shared/adapters/secrets.ts';
import { ClaimwatchError } from '../../shared/errors.ts';

/** A port-shaped fake of the SDK client: answers GetSecretValue from a table. */
function fakeClient(values: Record<string, string | Error>) {
  const calls: string[] = [];
  const client = {
    async send(cmd: { input: { SecretId: string } }) {
      calls.push(cmd.input.SecretId);
      const v = values[cmd.input.SecretId];
      if (v instanceof Error) throw v;
      return { SecretString: v };
    },
  } as unknown as SecretsManagerClient;
  return { client, calls };
}

describe('createSecretReader', () => {
  it('reads a secret once and serves it from the cache until the TTL passes', async () => {
    let t = 0;
    const { client, calls } = fakeClient({ 'arn:token': ' xoxb-1 \n' });
    const read = createSecretReader({ client, ttlMs: 1_000, now: () => t });
    assert.equal(await read('arn:token'), 'xoxb-1');
    assert.equal(await read('arn:token'), 'xoxb-1');
    assert.equal(calls.length, 1);
    t = 1_500;
    await read('arn:token');
    assert.equal(calls.length, 2);
  });

  it('does not cache a failure and names the secret without its value', async () => {
    const values: Record<string, string | Error> = { 'arn:s': new Error('AccessDenied') };
    const { client, calls } = fakeClient(values);
    const read = createSecretReader({ client });
    await assert.rejects(read('arn:s'), (e: unknown) => e instanceof ClaimwatchError && e.code === 'config_invalid' && /arn:s/.test(e.message));
    values['arn:s'] = 'signing-secret';
    assert.equal(await read('arn:s'), 'signing-secret');
    assert.equal(calls.length, 2);
  });
});

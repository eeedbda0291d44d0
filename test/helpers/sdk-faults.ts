// Fault injection through AWS SDK middleware: fails chosen commands before they reach the server,
// inside the SDK's retry loop, the way throttling and 5xx answers do.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';

export type Fault = 'throttle' | 'server' | 'timeout';

export interface FaultRule {
  command: string;
  fault: Fault;
  /** Fail this many times, then let calls through (Infinity: always). */
  times: number;
  /** Only calls whose input matches. */
  when?: (input: Record<string, unknown>) => boolean;
}

export function faultError(fault: Fault): Error {
  if (fault === 'throttle') {
    return Object.assign(new Error('Rate of requests exceeds the allowed throughput.'), {
      name: 'ThrottlingException',
      $fault: 'client',
      $metadata: { httpStatusCode: 400 },
      $retryable: { throttling: true },
    });
  }
  if (fault === 'server') {
    return Object.assign(new Error('Internal server error'), {
      name: 'InternalServerError',
      $fault: 'server',
      $metadata: { httpStatusCode: 500 },
    });
  }
  return Object.assign(new Error('socket timed out'), { name: 'TimeoutError', code: 'ETIMEDOUT', $metadata: {} });
}

/** Adds fault rules to a client; returns counters of calls seen per command and of faults injected. */
export function injectFaults(client: DynamoDBClient | S3Client, rules: FaultRule[]) {
  const seen: Record<string, number> = {};
  const injected: Record<string, number> = {};
  (client.middlewareStack as unknown as { add: (mw: unknown, opts: unknown) => void }).add(
    (next: (args: unknown) => Promise<unknown>, context: { commandName: string }) => async (args: { input: Record<string, unknown> }) => {
      const name = context.commandName.replace(/Command$/, '');
      seen[name] = (seen[name] ?? 0) + 1;
      const rule = rules.find((r) => r.command === name && r.times > 0 && (!r.when || r.when(args.input)));
      if (rule) {
        rule.times--;
        injected[name] = (injected[name] ?? 0) + 1;
        throw faultError(rule.fault);
      }
      return next(args);
    },
    { step: 'finalizeRequest', priority: 'low', name: 'claimwatchFaults' },
  );
  return { seen, injected };
}

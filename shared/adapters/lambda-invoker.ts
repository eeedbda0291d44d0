// Slash-command job → Lambda asynchronous invoke (InvocationType Event) of the worker: returns as
// soon as Lambda has queued the event, so the 3-second acknowledgement never waits for the work.
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { ClaimwatchError } from '../errors.ts';

export interface LambdaInvokerOptions {
  functionName: string;
  client?: LambdaClient;
}

/** Returns `(payload) => Promise<void>` that queues one asynchronous invocation of the function. */
export function createLambdaInvoker(options: LambdaInvokerOptions): (payload: unknown) => Promise<void> {
  const client = options.client ?? new LambdaClient({ maxAttempts: 2, requestHandler: { requestTimeout: 2_000, connectionTimeout: 1_000 } });
  return async (payload) => {
    try {
      const res = await client.send(
        new InvokeCommand({ FunctionName: options.functionName, InvocationType: 'Event', Payload: new TextEncoder().encode(JSON.stringify(payload)) }),
      );
      if (res.StatusCode !== 202) throw new Error(`unexpected status ${res.StatusCode}`);
    } catch (e) {
      throw new ClaimwatchError('internal', `async invoke of ${options.functionName} failed: ${(e as Error).message}`, { cause: e });
    }
  };
}

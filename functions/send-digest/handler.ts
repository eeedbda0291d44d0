// Scheduler (daily, configured hour and time zone) → send-digest → Store (DynamoDB), Notifier (Slack)
import { lambdaContext } from '../../shared/runtime/lambda.ts';
import { digestNow } from '../../shared/runtime/wiring.ts';

export const handler = async () => {
  const { deps, flush } = await lambdaContext();
  try {
    const outcome = await digestNow(deps);
    if (outcome.status === 'failed') throw new Error(`digest not posted: ${outcome.error}`);
    return outcome;
  } finally {
    flush();
  }
};

// Monthly AWS cost from measured request counts and durations, at us-east-1 list prices.
export const PRICES = {
  lambdaGbSecond: 0.0000133334, // arm64
  lambdaRequest: 0.2 / 1e6,
  dynamoWrite: 0.625 / 1e6, // on-demand write request unit
  dynamoRead: 0.125 / 1e6,
  s3Put: 0.005 / 1000,
  sqsRequest: 0.4 / 1e6,
  schedulerInvocation: 1 / 1e6,
  logsIngestGb: 0.5,
};

export interface CostInput {
  feeds: number;
  runsPerDay: number;
  newItemsPerFeedPerRun: number;
  dynamoWritesPerNewItem: number;
  s3PutsPerNewItem: number;
  ingestSecondsPerFeed: number;
  notModifiedSecondsPerFeed: number;
  lambdaMemoryGB: number;
}

export function monthlyCost(i: CostInput) {
  const runs = i.runsPerDay * 30;
  const newItems = runs * i.feeds * i.newItemsPerFeedPerRun;
  const feedFetches = runs * i.feeds;
  // Assume a quarter of fetches bring something new, the rest are 304s.
  const lambdaSeconds = feedFetches * (0.25 * i.ingestSecondsPerFeed + 0.75 * i.notModifiedSecondsPerFeed) + runs * 2 + 30 * 5;
  const parts = {
    lambdaCompute: lambdaSeconds * i.lambdaMemoryGB * PRICES.lambdaGbSecond,
    lambdaRequests: (runs * (1 + i.feeds / 5) + 30) * PRICES.lambdaRequest,
    dynamoWrites: (newItems * i.dynamoWritesPerNewItem + runs * 4) * PRICES.dynamoWrite,
    dynamoReads: (feedFetches + newItems * 2) * PRICES.dynamoRead,
    s3Puts: (newItems * i.s3PutsPerNewItem + feedFetches * 0.25) * PRICES.s3Put,
    sqs: runs * (i.feeds / 5) * 3 * PRICES.sqsRequest,
    scheduler: (runs + 30) * PRICES.schedulerInvocation,
    logs: (feedFetches * 2_000) / 1e9 * PRICES.logsIngestGb,
  };
  return { assumptions: i, parts, total: Object.values(parts).reduce((a, b) => a + b, 0) };
}

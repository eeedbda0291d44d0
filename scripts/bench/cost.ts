// Monthly AWS cost of the deployed bot from the benchmark's measured unit costs (requests, request
// units, bytes and CPU per new item, per feed, per run; cold init per function) and a stated
// workload, at us-east-1 list prices without the free tier. Pure arithmetic: scripts/bench.ts
// supplies the measurements, test/unit/bench-cost.test.ts checks the sums.

/** us-east-1 list prices (USD), as published on the AWS pricing pages, checked 2026-11. */
export const PRICES = {
  /** Lambda, arm64: per GB-second (first 6 billion GB-s tier) and per request. */
  lambdaGbSecond: 0.0000133334,
  lambdaRequest: 0.2 / 1e6,
  /** DynamoDB on-demand (after the November 2024 price cut): per write and read request unit. */
  dynamoWru: 0.625 / 1e6,
  dynamoRru: 0.125 / 1e6,
  /** DynamoDB Standard table class storage and continuous backups (PITR), per GB-month. */
  dynamoStorageGbMonth: 0.25,
  dynamoPitrGbMonth: 0.2,
  /** S3 Standard: PUT/COPY/POST/LIST per request, GET per request, storage per GB-month. */
  s3Put: 0.005 / 1000,
  s3Get: 0.0004 / 1000,
  s3StorageGbMonth: 0.023,
  /** SQS standard queue, per request (each 64 KB chunk). */
  sqsRequest: 0.4 / 1e6,
  /** EventBridge Scheduler, per invocation. */
  schedulerInvocation: 1 / 1e6,
  /** CloudWatch Logs ingestion (standard class), per GB. */
  logsIngestGb: 0.5,
  /** Fixed, per month: a Secrets Manager secret, a standard-resolution alarm, a custom metric, a dashboard. */
  secretMonth: 0.4,
  alarmMonth: 0.1,
  customMetricMonth: 0.3,
  dashboardMonth: 3,
};

/** What a unit of work costs, as measured by the benchmark. */
export interface UnitCost {
  /** DynamoDB write request units (table and GSI copies). */
  wru: number;
  /** DynamoDB read request units. */
  rru: number;
  s3Puts: number;
  s3Bytes: number;
  /** Bytes stored in DynamoDB (table and GSI copies). */
  dynamoBytes: number;
  /** CPU seconds of the bot's process (user + system) on the benchmark machine. */
  cpuSeconds: number;
  /** Bytes of log lines written at INFO and above. */
  logBytes: number;
}

export interface Workload {
  feeds: number;
  runsPerDay: number;
  days: number;
  /** New items per feed per run, on average. */
  newItemsPerFeedPerRun: number;
  /** Share of feeds whose body changed in a run (200 instead of 304). */
  changedFeedShare: number;
  /** Entries in a real feed body (the benchmark's feeds carry more; per-feed costs scale by it). */
  entriesPerFeed: number;
}

export interface Deployment {
  /** Memory per function in GB (infra/stacks/bot-stack.ts). */
  memoryGb: { plan: number; ingest: number; digest: number };
  /** Cold init per function in seconds (measured); billed since AWS bills the INIT phase (August 2025). */
  initSeconds: { plan: number; ingest: number; digest: number };
  /** Share of invocations that start cold (every 30 minutes is longer than a container idles: 1). */
  coldShare: number;
  feedsPerMessage: number;
  messagesPerInvocation: number;
  /** Time an ingest invocation waits on the network per batch of feeds (fetches run concurrently). */
  fetchWaitSecondsPerBatch: number;
  /** Lambda CPU relative to a benchmark core at the ingest memory (1,769 MB = one vCPU). */
  ingestCpuShare: number;
  planSeconds: number;
  digestSeconds: number;
  /** SQS requests by the event source mapping's idle long polling, per month (5 pollers, 20 s waits). */
  sqsIdlePollsPerMonth: number;
  /** Log bytes Lambda itself writes per invocation (START, END, REPORT, INIT lines) plus the EMF metrics line. */
  logBytesPerInvocation: number;
  fixed: { secrets: number; alarms: number; customMetrics: number; dashboards: number };
}

export interface CostInput {
  workload: Workload;
  deployment: Deployment;
  /** Bench feeds' entries per feed, to scale per-feed costs to `entriesPerFeed`. */
  benchEntriesPerFeed: number;
  perNewItem: UnitCost;
  /** A feed that answered 200 with only known entries (benchEntriesPerFeed of them). */
  perChangedFeed: UnitCost;
  perUnchangedFeed: UnitCost;
  /** The run itself without feeds or digest (lock, seeds check, run record). */
  perRun: UnitCost;
}

export interface CostResult {
  /** Usage per month: the volumes the prices apply to. */
  volume: Record<string, number>;
  /** USD per month from usage, by service. */
  usage: Record<string, number>;
  /** USD per month for resources that cost the same whatever the load. */
  fixed: Record<string, number>;
  usageTotal: number;
  fixedTotal: number;
  total: number;
}

const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);

export function monthlyCost(i: CostInput): CostResult {
  const w = i.workload;
  const d = i.deployment;
  const runs = w.runsPerDay * w.days;
  const newItems = runs * w.feeds * w.newItemsPerFeedPerRun;
  const changedFeeds = runs * w.feeds * w.changedFeedShare;
  const unchangedFeeds = runs * w.feeds - changedFeeds;
  const scale = w.entriesPerFeed / i.benchEntriesPerFeed;
  // Per changed feed, the entry-driven parts (reads of known ids, parsing, body size) scale with its entries.
  const changed: UnitCost = { ...i.perChangedFeed, rru: i.perChangedFeed.rru * scale, s3Bytes: i.perChangedFeed.s3Bytes * scale, cpuSeconds: i.perChangedFeed.cpuSeconds * scale };
  const total = (k: keyof UnitCost) => newItems * i.perNewItem[k] + changedFeeds * changed[k] + unchangedFeeds * i.perUnchangedFeed[k] + runs * i.perRun[k];

  const messages = Math.ceil(w.feeds / d.feedsPerMessage);
  const ingestInvocations = runs * Math.ceil(messages / d.messagesPerInvocation);
  const planInvocations = runs;
  const digestInvocations = w.days;
  const invocations = ingestInvocations + planInvocations + digestInvocations;
  const ingestCpu = (total('cpuSeconds') - runs * i.perRun.cpuSeconds) / d.ingestCpuShare;
  const ingestSeconds = ingestCpu + ingestInvocations * (d.messagesPerInvocation * d.fetchWaitSecondsPerBatch + d.coldShare * d.initSeconds.ingest);
  const planSeconds = planInvocations * (d.planSeconds + d.coldShare * d.initSeconds.plan);
  const digestSeconds = digestInvocations * (d.digestSeconds + d.coldShare * d.initSeconds.digest);
  const gbSeconds = ingestSeconds * d.memoryGb.ingest + planSeconds * d.memoryGb.plan + digestSeconds * d.memoryGb.digest;

  // SQS: one SendMessageBatch per 10 messages; per ingest invocation a receive and a delete batch.
  const sqsRequests = runs * Math.ceil(messages / 10) + ingestInvocations * 2 + d.sqsIdlePollsPerMonth;
  const s3Bytes = total('s3Bytes');
  const dynamoBytes = total('dynamoBytes');
  const logBytes = total('logBytes') + invocations * d.logBytesPerInvocation;
  const GB = 1024 ** 3;

  const volume = {
    runs,
    newItems,
    changedFeeds,
    unchangedFeeds,
    lambdaInvocations: invocations,
    lambdaGbSeconds: gbSeconds,
    dynamoWru: total('wru'),
    dynamoRru: total('rru'),
    s3Puts: total('s3Puts'),
    s3GbAtMonthEnd: s3Bytes / GB,
    dynamoGbAtMonthEnd: dynamoBytes / GB,
    sqsRequests,
    schedulerInvocations: runs + w.days,
    logsGb: logBytes / GB,
  };
  const usage = {
    lambdaCompute: gbSeconds * PRICES.lambdaGbSecond,
    lambdaRequests: invocations * PRICES.lambdaRequest,
    dynamoWrites: volume.dynamoWru * PRICES.dynamoWru,
    dynamoReads: volume.dynamoRru * PRICES.dynamoRru,
    // Storage and backups at the size reached at the end of the month (an upper bound for that month).
    dynamoStorage: volume.dynamoGbAtMonthEnd * (PRICES.dynamoStorageGbMonth + PRICES.dynamoPitrGbMonth),
    s3Requests: volume.s3Puts * PRICES.s3Put,
    s3Storage: volume.s3GbAtMonthEnd * PRICES.s3StorageGbMonth,
    sqs: sqsRequests * PRICES.sqsRequest,
    scheduler: volume.schedulerInvocations * PRICES.schedulerInvocation,
    logs: volume.logsGb * PRICES.logsIngestGb,
  };
  const fixed = {
    secrets: d.fixed.secrets * PRICES.secretMonth,
    alarms: d.fixed.alarms * PRICES.alarmMonth,
    customMetrics: d.fixed.customMetrics * PRICES.customMetricMonth,
    dashboards: d.fixed.dashboards * PRICES.dashboardMonth,
  };
  const usageTotal = sum(usage);
  const fixedTotal = sum(fixed);
  return { volume, usage, fixed, usageTotal, fixedTotal, total: usageTotal + fixedTotal };
}

// What a composition root hands the use cases. makeDeps (make-deps.ts) builds it for Lambda (AWS)
// or for local runs (embedded servers); tests build it from fakes.
import type { Claim, FeedSpec } from '../domain/types.ts';
import type { Archive, Classifier, Clock, FeedSource, Log, Metrics, Notifier, Progress, Store } from '../ports/index.ts';
import type { Env } from './load-env.ts';

export interface Deps {
  env: Readonly<Env>;
  store: Store;
  archive: Archive;
  feedSource: FeedSource;
  classifier: Classifier;
  claims: Claim[];
  feeds: FeedSpec[];
  /** Slack when a token is configured, the terminal otherwise. */
  notifier: Notifier;
  clock: Clock;
  log: Log;
  metrics: Metrics;
  progress: Progress;
  /** Stops embedded servers and flushes metrics. */
  close(): Promise<void>;
}

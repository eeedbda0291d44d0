// Logs, metrics and progress, configured in one place. Lambda: Powertools logger and metrics (EMF).
// CLI: human-readable lines on stderr (stdout stays clean for --json), counters kept in memory.
import type { Writable } from 'node:stream';
import type { Log, Metrics, Progress } from '../ports/index.ts';

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 } as const;
type Level = keyof typeof LEVELS;

/** A stderr logger for the CLI: `warn` and up by default, CLAIMWATCH_LOG_LEVEL=debug|info for more. */
export function createCliLog(out: Writable, level: string | undefined = 'warn'): Log {
  const min = LEVELS[(level as Level) in LEVELS ? (level as Level) : 'warn'];
  const write = (lvl: Level, message: string, extra?: Record<string, unknown>) => {
    if (LEVELS[lvl] < min) return;
    const detail = extra && Object.keys(extra).length ? ` ${JSON.stringify(extra)}` : '';
    out.write(`[${lvl}] ${message}${detail}\n`);
  };
  return {
    debug: (m, e) => write('debug', m, e),
    info: (m, e) => write('info', m, e),
    warn: (m, e) => write('warn', m, e),
    error: (m, e) => write('error', m, e),
  };
}

/** Counts metrics in memory (CLI, tests); `totals` is printed or inspected. */
export function createCountingMetrics(): Metrics & { totals: Record<string, number> } {
  const totals: Record<string, number> = {};
  return {
    totals,
    count(name, value = 1) {
      totals[name] = (totals[name] ?? 0) + value;
    },
  };
}

/** One line per stage on a terminal; silent when stderr is not a TTY (CI, pipes, Lambda). */
export function createProgress(out: Writable & { isTTY?: boolean }, enabled = Boolean(out.isTTY)): Progress {
  const started = Date.now();
  return {
    stage(name, detail) {
      if (!enabled) return;
      const secs = ((Date.now() - started) / 1000).toFixed(1).padStart(5);
      out.write(`${secs}s  ${name.padEnd(9)} ${detail ?? ''}\n`);
    },
  };
}

export const silentProgress: Progress = { stage() {} };

/**
 * Powertools logger and metrics for Lambda, created once per container. Imported lazily so that
 * the CLI does not load them.
 */
export async function createLambdaObservability(serviceName = 'claimwatch'): Promise<{
  log: Log;
  metrics: Metrics;
  flush(): void;
  logger: import('@aws-lambda-powertools/logger').Logger;
}> {
  const [{ Logger }, { Metrics: PtMetrics, MetricUnit }] = await Promise.all([
    import('@aws-lambda-powertools/logger'),
    import('@aws-lambda-powertools/metrics'),
  ]);
  const logger = new Logger({ serviceName });
  const pt = new PtMetrics({ serviceName, namespace: 'Claimwatch' });
  return {
    logger,
    log: {
      debug: (m, e) => logger.debug(m, e ?? {}),
      info: (m, e) => logger.info(m, e ?? {}),
      warn: (m, e) => logger.warn(m, e ?? {}),
      error: (m, e) => logger.error(m, e ?? {}),
    },
    metrics: { count: (name, value = 1) => pt.addMetric(name, MetricUnit.Count, value) },
    flush: () => pt.publishStoredMetrics(),
  };
}

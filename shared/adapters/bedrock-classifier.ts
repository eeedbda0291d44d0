// Optional LLM classifier on Amazon Bedrock (Converse API), chosen by configuration. Asks for JSON,
// keeps only links whose evidence occurs verbatim in the item (whitespace collapsed), and is bounded:
// a timeout per call, the SDK's bounded retries, a few calls in flight, and a budget of calls per
// classify() call (one run). Items past the budget, or whose call failed, go to the local rules.
// Flow: ingest / reclassify → BedrockClassifier → Bedrock Converse (fallback: local classifier)
import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { detectTopics } from '../domain/classify/topics.ts';
import { STANCES, TOPICS, type Claim, type Classification, type ClassifiableItem, type ClaimLink, type Stance, type Topic } from '../domain/types.ts';
import type { Classifier, Log } from '../ports/index.ts';
import { createLocalClassifier } from './local-classifier.ts';

export interface BedrockClassifierOptions {
  claims: Claim[];
  modelId: string;
  /** Overrides the runtime endpoint (tests, VPC endpoints). */
  endpoint?: string;
  region?: string;
  /** Bedrock calls allowed per classify() call; the rest of the items go to the local rules. */
  maxCalls: number;
  /** Per call, including the SDK's retries. */
  timeoutMs: number;
  /** Attempts per call (the SDK retries throttling, 5xx and network errors). */
  maxAttempts: number;
  /** Calls in flight at once (default 4). */
  concurrency?: number;
  /** Characters of item text sent (default 12,000). */
  maxChars?: number;
  log?: Log;
  /** A ready client (tests); otherwise one is built from the options above. */
  client?: BedrockRuntimeClient;
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * Turns the model's answer into a classification, keeping only well-formed links to known claims
 * whose evidence occurs in the item. Undefined when the answer is not the JSON asked for.
 */
export function sanitise(item: ClassifiableItem, raw: unknown, claimIds: Set<string>): Classification | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const v = raw as { relevant?: unknown; topics?: unknown; claims?: unknown };
  if (typeof v.relevant !== 'boolean') return undefined;
  const title = collapse(item.title);
  const text = collapse(item.text);
  const topics = new Set<Topic>(detectTopics(item.title, item.text));
  if (Array.isArray(v.topics)) for (const t of v.topics) if (TOPICS.includes(t as Topic)) topics.add(t as Topic);
  const seen = new Set<string>();
  const claims: ClaimLink[] = [];
  for (const c of Array.isArray(v.claims) ? v.claims : []) {
    const link = c as { claim?: unknown; stance?: unknown; evidence?: unknown; score?: unknown };
    if (typeof link?.claim !== 'string' || !claimIds.has(link.claim) || seen.has(link.claim)) continue;
    if (!STANCES.includes(link.stance as Stance) || typeof link.evidence !== 'string') continue;
    const evidence = collapse(link.evidence);
    if (!evidence || !(title.includes(evidence) || text.includes(evidence))) continue;
    seen.add(link.claim);
    const score = typeof link.score === 'number' && Number.isFinite(link.score) ? Math.min(1, Math.max(0, link.score)) : 0.5;
    claims.push({ claim: link.claim, stance: link.stance as Stance, evidence, score });
  }
  return { id: item.id, relevant: v.relevant, topics: TOPICS.filter((t) => topics.has(t)), claims: v.relevant ? claims : [] };
}

/** The first JSON object in a model's answer (which may wrap it in prose or a code fence). */
export function extractJson(text: string): unknown {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end <= start) return undefined;
  try {
    return JSON.parse(text.slice(start, end + 1));
  } catch {
    return undefined;
  }
}

export function systemPrompt(claims: Claim[]): string {
  return [
    'You check news items against claims taken from earlier reporting. For each claim the item addresses, give its stance:',
    '- supports: the item states the claim, or the same fact;',
    '- updates: the item gives a newer figure or a later state of the same fact (a higher death toll, troops withdrawn after being sent, a sentence after an arrest);',
    '- contradicts: the item disputes or denies the claim;',
    '- mentions: the item touches the claim\'s subject without asserting it.',
    'Leave out claims the item does not address. For each link, "evidence" is ONE sentence copied exactly, character for character, from the item\'s title or text.',
    '"relevant": whether the item is about the events the claims describe (not merely the same country or organisation).',
    '"topics": which of kazakhstan, sco, csto, china the item is about.',
    'Answer with JSON only, no prose: {"relevant": true|false, "topics": [...], "claims": [{"claim": "<id>", "stance": "<stance>", "evidence": "<sentence>", "score": 0.0-1.0}]}',
    '',
    'Claims:',
    ...claims.map((c) => `${c.id}: ${c.text}`),
  ].join('\n');
}

export function createBedrockClassifier(o: BedrockClassifierOptions): Classifier {
  const client =
    o.client ??
    new BedrockRuntimeClient({
      region: o.region,
      endpoint: o.endpoint,
      maxAttempts: o.maxAttempts,
      requestHandler: { requestTimeout: o.timeoutMs, connectionTimeout: Math.min(3_000, o.timeoutMs) },
    });
  const local = createLocalClassifier(o.claims);
  const claimIds = new Set(o.claims.map((c) => c.id));
  const system = systemPrompt(o.claims);
  const maxChars = o.maxChars ?? 12_000;

  async function ask(item: ClassifiableItem): Promise<Classification> {
    const res = await client.send(
      new ConverseCommand({
        modelId: o.modelId,
        system: [{ text: system }],
        messages: [{ role: 'user', content: [{ text: `Item id: ${item.id}\nTitle: ${item.title}\n\n${item.text.slice(0, maxChars)}` }] }],
        inferenceConfig: { maxTokens: 1500, temperature: 0 },
      }),
      { abortSignal: AbortSignal.timeout(o.timeoutMs) },
    );
    const text = res.output?.message?.content?.map((c) => c.text ?? '').join('') ?? '';
    const verdict = sanitise(item, extractJson(text), claimIds);
    if (!verdict) throw new Error(`the model did not answer with the JSON asked for (stopReason ${res.stopReason ?? 'unknown'})`);
    return verdict;
  }

  return {
    name: `bedrock ${o.modelId}`,
    async classify(items) {
      const out: Classification[] = new Array(items.length);
      const budgeted = items.slice(0, Math.max(0, o.maxCalls));
      const rest = items.slice(budgeted.length);
      let failed = 0;
      let next = 0;
      const worker = async () => {
        while (next < budgeted.length) {
          const i = next++;
          const item = budgeted[i];
          try {
            out[i] = await ask(item);
          } catch (e) {
            failed++;
            o.log?.warn('Bedrock classification failed; local rules used for the item', { itemId: item.id, error: (e as Error).name, message: (e as Error).message });
            [out[i]] = await local.classify([item]);
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(o.concurrency ?? 4, budgeted.length) }, worker));
      if (rest.length) {
        o.log?.warn('Bedrock call budget spent; local rules classify the rest of this run', { maxCalls: o.maxCalls, items: items.length, local: rest.length });
        const verdicts = await local.classify(rest);
        verdicts.forEach((v, j) => (out[budgeted.length + j] = v));
      }
      o.log?.info('Bedrock classification done', { items: items.length, calls: budgeted.length, failed, local: rest.length + failed });
      return out;
    },
  };
}

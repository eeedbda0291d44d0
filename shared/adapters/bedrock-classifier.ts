// Optional LLM classifier on Amazon Bedrock (Converse API). Asks for JSON, keeps only evidence
// that occurs verbatim in the item, bounded by timeouts, retries and a per-run call budget; when the
// budget is spent or a call fails, the local classifier answers for that item.
// Flow: ingest → BedrockClassifier → Bedrock Converse (fallback: local rules)
import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { STANCES, TOPICS, type Claim, type Classification, type ClassifiableItem, type ClaimLink, type Stance, type Topic } from '../domain/types.ts';
import type { Classifier, Log } from '../ports/index.ts';
import { createLocalClassifier } from './local-classifier.ts';

export interface BedrockClassifierOptions {
  claims: Claim[];
  modelId: string;
  endpoint?: string;
  region?: string;
  maxCalls: number;
  timeoutMs: number;
  maxAttempts: number;
  log?: Log;
  client?: BedrockRuntimeClient;
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Keeps only well-formed links whose evidence occurs in the item (whitespace collapsed). */
export function sanitise(item: ClassifiableItem, raw: unknown, claimIds: Set<string>): Classification | undefined {
  const v = raw as { relevant?: unknown; topics?: unknown; claims?: unknown };
  if (typeof v !== 'object' || v === null || typeof v.relevant !== 'boolean') return undefined;
  const source = collapse(`${item.title} ${item.text}`);
  const topics = Array.isArray(v.topics) ? (v.topics.filter((t) => TOPICS.includes(t as Topic)) as Topic[]) : [];
  const claims: ClaimLink[] = Array.isArray(v.claims)
    ? v.claims.flatMap((c: { claim?: unknown; stance?: unknown; evidence?: unknown; score?: unknown }) =>
        typeof c?.claim === 'string' && claimIds.has(c.claim) && STANCES.includes(c.stance as Stance) && typeof c.evidence === 'string' && c.evidence.trim() && source.includes(collapse(c.evidence))
          ? [{ claim: c.claim, stance: c.stance as Stance, evidence: c.evidence.trim(), score: typeof c.score === 'number' ? c.score : 0.5 }]
          : [],
      )
    : [];
  return { id: item.id, relevant: v.relevant, topics, claims };
}

export function createBedrockClassifier(o: BedrockClassifierOptions): Classifier {
  const client = o.client ?? new BedrockRuntimeClient({ region: o.region, endpoint: o.endpoint, maxAttempts: o.maxAttempts, requestHandler: { requestTimeout: o.timeoutMs, connectionTimeout: 3_000 } });
  const local = createLocalClassifier(o.claims);
  const claimIds = new Set(o.claims.map((c) => c.id));
  const system = [
    'You check news items against claims. For each claim the item addresses, give its stance:',
    'supports (states the claim or the same fact), updates (a newer figure or later state of the same fact),',
    'contradicts (disputes or denies it), mentions (touches the subject without asserting it).',
    'Evidence must be one sentence copied exactly from the item. Topics: any of kazakhstan, sco, csto, china.',
    'relevant: whether the item is about the events the claims describe.',
    'Answer with JSON only: {"relevant": bool, "topics": [..], "claims": [{"claim": id, "stance": s, "evidence": sentence, "score": 0..1}]}',
    `Claims:\n${o.claims.map((c) => `${c.id}: ${c.text}`).join('\n')}`,
  ].join('\n');
  let calls = 0;
  return {
    name: `bedrock ${o.modelId}`,
    async classify(items) {
      const out: Classification[] = [];
      for (const item of items) {
        if (calls >= o.maxCalls) {
          if (calls === o.maxCalls) o.log?.warn('Bedrock budget spent; local rules classify the rest of this run', { maxCalls: o.maxCalls });
          calls++;
          out.push(...(await local.classify([item])));
          continue;
        }
        calls++;
        try {
          const res = await client.send(
            new ConverseCommand({
              modelId: o.modelId,
              system: [{ text: system }],
              messages: [{ role: 'user', content: [{ text: `Title: ${item.title}\n\n${item.text.slice(0, 12_000)}` }] }],
              inferenceConfig: { maxTokens: 1500, temperature: 0 },
            }),
            { abortSignal: AbortSignal.timeout(o.timeoutMs) },
          );
          const text = res.output?.message?.content?.map((c) => c.text ?? '').join('') ?? '';
          const json = /\{[\s\S]*\}/.exec(text)?.[0];
          const verdict = json ? sanitise(item, JSON.parse(json), claimIds) : undefined;
          if (!verdict) throw new Error('the model did not answer with the JSON asked for');
          out.push(verdict);
        } catch (e) {
          o.log?.warn('Bedrock classification failed; local rules used', { itemId: item.id, error: (e as Error).message });
          out.push(...(await local.classify([item])));
        }
      }
      return out;
    },
  };
}

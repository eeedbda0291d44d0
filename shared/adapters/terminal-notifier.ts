// Notifier → terminal: the digest as text on a stream and, with a data directory, digest.html
// (a preview that looks like the Slack message) and digest.blocks.json (the Block Kit payload).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { renderHtml } from '../domain/digest/render-html.ts';
import { renderText } from '../domain/digest/render-text.ts';
import { renderSlack } from '../domain/digest/slack-blocks.ts';
import type { DigestModel } from '../domain/digest/model.ts';
import type { Notifier, PostResult } from '../ports/index.ts';

export interface TerminalNotifierOptions {
  out: Writable;
  /** Where digest.html and digest.blocks.json are written; none when absent. */
  dataDir?: string;
}

/** A Notifier that prints the digest and writes the HTML and Block Kit previews. */
export function createTerminalNotifier(options: TerminalNotifierOptions): Notifier {
  return {
    target: 'terminal',
    async post(digest: DigestModel): Promise<PostResult> {
      const text = renderText(digest);
      await new Promise<void>((resolve, reject) => options.out.write(text, (e) => (e ? reject(e) : resolve())));
      if (options.dataDir) {
        await mkdir(options.dataDir, { recursive: true });
        await Promise.all([
          writeFile(path.join(options.dataDir, 'digest.html'), renderHtml(digest)),
          writeFile(path.join(options.dataDir, 'digest.blocks.json'), `${JSON.stringify(renderSlack(digest), null, 2)}\n`),
        ]);
      }
      return {};
    },
  };
}

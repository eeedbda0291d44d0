// Runs the claimwatch CLI in-process with captured streams (the same main() the bin calls).
import { Writable } from 'node:stream';
import { main } from '../../shared/cli/main.ts';

export class Capture extends Writable {
  chunks: string[] = [];
  isTTY = false;
  override _write(chunk: Buffer | string, _enc: BufferEncoding, cb: () => void) {
    this.chunks.push(chunk.toString());
    cb();
  }
  get text() {
    return this.chunks.join('');
  }
}

export async function runCli(argv: string[], env: Record<string, string | undefined> = {}, cwd = process.cwd()) {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await main(argv, { stdout, stderr, env: { CLAIMWATCH_LOG_LEVEL: 'silent', ...env }, cwd });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

// The benchmark's outside world in a process of its own, so the measured run's peak RSS and CPU
// are the bot's alone (in Lambda, DynamoDB and S3 are remote): the feed servers, the embedded
// DynamoDB (dynalite) and S3 (s3rver) on 127.0.0.1, and a control port (POST /bump: new ETags).
//   node --import tsx scripts/bench/fixture-child.ts <dataDir> <feeds> <itemsPerFeed>
// Prints one JSON line with the addresses; when stdin closes, stops and prints its own peak RSS.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startLocalServers } from '../../shared/runtime/local.ts';
import { startFeedServers } from './fixture.ts';

export interface FixtureInfo {
  feeds: string[];
  control: string;
  storage: { dynamoEndpoint: string; s3Endpoint: string; tableName: string; bucketName: string };
}

const [dataDir, feeds = '50', perFeed = '100'] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: fixture-child.ts <dataDir> [feeds] [itemsPerFeed]');
const servers = await startFeedServers(Number(feeds), Number(perFeed));
const local = await startLocalServers(dataDir);
const control = createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/bump') servers.bump();
  res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(servers.stats));
});
await new Promise<void>((r) => control.listen(0, '127.0.0.1', r));
const info: FixtureInfo = {
  feeds: servers.urls,
  control: `http://127.0.0.1:${(control.address() as AddressInfo).port}`,
  storage: { dynamoEndpoint: local.dynamoEndpoint, s3Endpoint: local.s3Endpoint, tableName: local.tableName, bucketName: local.bucketName },
};
process.stdout.write(`${JSON.stringify(info)}\n`);
process.stdin.resume();
process.stdin.on('end', async () => {
  await Promise.all([servers.close(), local.close(), new Promise<void>((r) => control.close(() => r()))]);
  process.stdout.write(`${JSON.stringify({ maxRssMB: process.resourceUsage().maxRSS / 1024, stats: servers.stats })}\n`);
  process.exit(0);
});

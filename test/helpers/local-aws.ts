// Embedded DynamoDB and S3 servers for integration tests: the same startLocalServers the CLI uses,
// in a fresh temporary directory.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DynamoStore } from '../../shared/adapters/dynamo-store.ts';
import { S3Archive } from '../../shared/adapters/s3-archive.ts';
import { makeAwsClients, type ClientOptions } from '../../shared/runtime/aws-clients.ts';
import { ensureBucket, ensureTable, startLocalServers } from '../../shared/runtime/local.ts';

export async function startLocalAws(options: { instrument?: ClientOptions['instrument']; dataDir?: string } = {}) {
  const dir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'claimwatch-test-')));
  const servers = await startLocalServers(dir);
  const clients = makeAwsClients({ local: true, dynamoEndpoint: servers.dynamoEndpoint, s3Endpoint: servers.s3Endpoint, instrument: options.instrument });
  await ensureTable(clients.dynamo, servers.tableName);
  await ensureBucket(clients.s3, servers.bucketName);
  return {
    dir,
    servers,
    clients,
    store: new DynamoStore({ client: clients.dynamo, tableName: servers.tableName, sleep: async () => {} }),
    archive: new S3Archive({ client: clients.s3, bucketName: servers.bucketName }),
    async close() {
      clients.dynamo.destroy();
      clients.s3.destroy();
      await servers.close();
      if (!options.dataDir) await rm(dir, { recursive: true, force: true });
    },
  };
}

// The embedded default: a DynamoDB-compatible server (dynalite) and an S3-compatible server
// (s3rver) on 127.0.0.1, started inside the process, with their data under the data directory so
// that a second run sees the first one's data. The AWS SDK adapters talk to them unchanged.
import { CreateTableCommand, DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, HeadBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ClaimwatchError } from '../errors.ts';

export const LOCAL_TABLE = 'claimwatch-local';
export const LOCAL_BUCKET = 'claimwatch-local';

export interface LocalServers {
  dynamoEndpoint: string;
  s3Endpoint: string;
  tableName: string;
  bucketName: string;
  close(): Promise<void>;
}

/** Starts dynalite and s3rver on 127.0.0.1 (random ports) with data under `dataDir`. */
export async function startLocalServers(dataDir: string): Promise<LocalServers> {
  const dynamoDir = path.resolve(dataDir, 'dynamodb');
  const s3Dir = path.resolve(dataDir, 's3');
  await mkdir(dynamoDir, { recursive: true });
  await mkdir(s3Dir, { recursive: true });

  const { default: dynalite } = await import('dynalite');
  const { default: S3rver } = await import('s3rver');

  const dyn = dynalite({ path: dynamoDir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    dyn.once('error', reject);
    dyn.listen(0, '127.0.0.1', () => resolve());
  }).catch((e: unknown) => {
    throw new ClaimwatchError('store_unavailable', `could not start the local DynamoDB server in ${dynamoDir}: ${(e as Error).message}`, { cause: e });
  });
  const dynPort = (dyn.address() as AddressInfo).port;

  const s3 = new S3rver({ address: '127.0.0.1', port: 0, directory: s3Dir, silent: true });
  let s3Port: number;
  try {
    const addr = (await s3.run()) as AddressInfo;
    s3Port = addr.port;
  } catch (e) {
    await new Promise<void>((r) => dyn.close(() => r()));
    throw new ClaimwatchError('archive_unavailable', `could not start the local S3 server in ${s3Dir}: ${(e as Error).message}`, { cause: e });
  }

  return {
    dynamoEndpoint: `http://127.0.0.1:${dynPort}`,
    s3Endpoint: `http://127.0.0.1:${s3Port}`,
    tableName: LOCAL_TABLE,
    bucketName: LOCAL_BUCKET,
    async close() {
      await Promise.all([new Promise<void>((r) => dyn.close(() => r())), s3.close().catch(() => undefined)]);
    },
  };
}

/** Creates the single table as the data stack defines it (pk/sk, gsi1, gsi2), if missing. */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return;
  } catch (e) {
    if ((e as { name?: string }).name !== 'ResourceNotFoundException') throw e;
  }
  const S = 'S' as const;
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: S },
        { AttributeName: 'sk', AttributeType: S },
        { AttributeName: 'gsi1pk', AttributeType: S },
        { AttributeName: 'gsi1sk', AttributeType: S },
        { AttributeName: 'gsi2pk', AttributeType: S },
        { AttributeName: 'gsi2sk', AttributeType: S },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'gsi1',
          KeySchema: [
            { AttributeName: 'gsi1pk', KeyType: 'HASH' },
            { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
        {
          IndexName: 'gsi2',
          KeySchema: [
            { AttributeName: 'gsi2pk', KeyType: 'HASH' },
            { AttributeName: 'gsi2sk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    }),
  );
}

/** Creates the bucket if missing. */
export async function ensureBucket(client: S3Client, bucketName: string): Promise<void> {
  try {
    await client.send(new HeadBucketCommand({ Bucket: bucketName }));
  } catch {
    await client.send(new CreateBucketCommand({ Bucket: bucketName }));
  }
}

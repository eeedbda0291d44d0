// AWS SDK clients, built once per process with explicit limits. The same clients talk to AWS in
// Lambda and to the embedded servers locally (endpoint + dummy credentials).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';

export interface ClientOptions {
  region?: string;
  dynamoEndpoint?: string;
  s3Endpoint?: string;
  /** Local servers: fixed dummy credentials (s3rver insists on S3RVER/S3RVER). */
  local?: boolean;
  /** Extra middleware, e.g. the benchmark's request counter or fault injection in tests. */
  instrument?: (client: DynamoDBClient | S3Client, service: 'dynamodb' | 's3') => void;
}

const handler = () => ({ connectionTimeout: 3_000, requestTimeout: 10_000 });

export function makeAwsClients(options: ClientOptions = {}): { dynamo: DynamoDBClient; s3: S3Client } {
  // Locally any region will do; in Lambda the SDK reads AWS_REGION itself.
  const region = options.region ?? (options.local ? 'us-east-1' : undefined);
  const dynamo = new DynamoDBClient({
    region,
    endpoint: options.dynamoEndpoint,
    maxAttempts: 5,
    requestHandler: handler(),
    ...(options.local ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
  const s3 = new S3Client({
    region,
    endpoint: options.s3Endpoint,
    forcePathStyle: options.local ? true : undefined,
    maxAttempts: 5,
    requestHandler: handler(),
    // Without these, streamed bodies are stored with checksum framing by S3-compatible servers.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(options.local ? { credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } } : {}),
  });
  options.instrument?.(dynamo, 'dynamodb');
  options.instrument?.(s3, 's3');
  return { dynamo, s3 };
}

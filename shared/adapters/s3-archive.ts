// Archive on S3: feed bodies exactly as received and each item's normalised JSON.
// Flow: use case → S3Archive → S3 (AWS, or s3rver on 127.0.0.1 locally: same code).
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { ClaimwatchError } from '../errors.ts';
import type { StoredItem } from '../domain/types.ts';
import type { Archive } from '../ports/index.ts';

export interface S3ArchiveOptions {
  client: S3Client;
  bucketName: string;
}

/** `items/<yyyy>/<mm>/<id>.json`, by publication date. */
export function itemKey(item: Pick<StoredItem, 'id' | 'publishedAt'>): string {
  const [yyyy, mm] = item.publishedAt.slice(0, 7).split('-');
  return `items/${yyyy}/${mm}/${item.id}.json`;
}

/** `feeds/<feed id>/<yyyy-mm-dd>/<HHMMSS>-<hash8>.xml`: content-addressed within a day. */
export function feedBodyKey(feedId: string, fetchedAt: string, body: Uint8Array, contentType?: string): string {
  const day = fetchedAt.slice(0, 10);
  const time = fetchedAt.slice(11, 19).replace(/:/g, '');
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 8);
  const ext = /json/i.test(contentType ?? '') ? 'json' : /html/i.test(contentType ?? '') ? 'html' : 'xml';
  return `feeds/${feedId}/${day}/${time}-${hash}.${ext}`;
}

export class S3Archive implements Archive {
  private readonly s3: S3Client;
  private readonly bucket: string;

  constructor(options: S3ArchiveOptions) {
    this.s3 = options.client;
    this.bucket = options.bucketName;
  }

  async putFeedBody(feedId: string, fetchedAt: string, body: Uint8Array, contentType?: string): Promise<string> {
    const key = feedBodyKey(feedId, fetchedAt, body, contentType);
    await this.put(key, body, contentType ?? 'application/xml');
    return key;
  }

  async putItem(item: StoredItem): Promise<string> {
    const key = itemKey(item);
    await this.put(key, JSON.stringify({ ...item, archiveKey: key }), 'application/json; charset=utf-8');
    return key;
  }

  async getItem(key: string): Promise<StoredItem | undefined> {
    try {
      const res = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      const text = await res.Body?.transformToString('utf-8');
      return text ? (JSON.parse(text) as StoredItem) : undefined;
    } catch (e) {
      if ((e as { name?: string }).name === 'NoSuchKey') return undefined;
      throw new ClaimwatchError('archive_unavailable', `S3 GetObject ${key} failed: ${(e as Error).message}`, { cause: e });
    }
  }

  private async put(key: string, body: Uint8Array | string, contentType: string): Promise<void> {
    try {
      await this.s3.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType }));
    } catch (e) {
      throw new ClaimwatchError('archive_unavailable', `S3 PutObject ${key} failed: ${(e as Error).message}`, { cause: e });
    }
  }
}

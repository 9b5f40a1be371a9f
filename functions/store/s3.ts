// The S3 adapter of the BlobStore port; the same code talks to AWS S3 and to the embedded s3rver.

import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import type { BlobStore } from "../ports";

/** How long an upload URL stays valid: long enough for a slow connection, short enough to be useless later. */
const UPLOAD_URL_SECONDS = 15 * 60;

export function s3BlobStore(client: S3Client, bucket: string): BlobStore {
  return {
    async put(key, body, contentType = "application/octet-stream", metadata = {}, cacheControl) {
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: body,
          ContentType: contentType,
          Metadata: metadata,
          ...(cacheControl ? { CacheControl: cacheControl } : {}),
        }),
      );
    },
    async get(key) {
      try {
        const result = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return result.Body ? await result.Body.transformToByteArray() : undefined;
      } catch (error) {
        if (error instanceof NoSuchKey) return undefined;
        throw error;
      }
    },
    async head(key) {
      try {
        const result = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        return {
          size: result.ContentLength ?? 0,
          metadata: result.Metadata ?? {},
          ...(result.ContentType ? { contentType: result.ContentType } : {}),
          ...(result.CacheControl ? { cacheControl: result.CacheControl } : {}),
        };
      } catch (error) {
        if (error instanceof NotFound) return undefined;
        throw error;
      }
    },
    async remove(key) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },
    uploadUrl(key, contentType, metadata) {
      return getSignedUrl(
        client,
        new PutObjectCommand({ Bucket: bucket, Key: key, ContentType: contentType, Metadata: metadata }),
        {
          expiresIn: UPLOAD_URL_SECONDS,
          // The browser must send exactly these headers: the URL cannot be reused for another uploader.
          signableHeaders: new Set(["content-type", ...Object.keys(metadata).map((name) => `x-amz-meta-${name}`)]),
        },
      );
    },
    async ping() {
      await client.send(new HeadBucketCommand({ Bucket: bucket }));
    },
  };
}

/** Creates the bucket when it is missing (local runs and tests; cloud buckets come from CDK). */
export async function ensureBucket(client: S3Client, bucket: string): Promise<void> {
  try {
    await client.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch {
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
  }
}

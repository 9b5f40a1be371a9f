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
export const UPLOAD_URL_SECONDS = 15 * 60;

/**
 * The SDK's flexible checksums put a CRC32 of the command's body — empty when presigning — into the URL
 * (x-amz-checksum-crc32=AAAAAA==), and S3 would hold the browser's file to it. A presigned PUT carries no
 * checksum of a body it has not seen: this runs after that middleware and takes its headers out again.
 */
function withoutUnseenChecksum(command: PutObjectCommand): PutObjectCommand {
  command.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { headers?: Record<string, string>; query?: Record<string, unknown> };
      for (const fields of [request.headers, request.query]) {
        for (const name of Object.keys(fields ?? {})) {
          if (/^x-amz-(checksum-|sdk-checksum-algorithm$)/i.test(name)) delete fields?.[name];
        }
      }
      return next(args);
    },
    { step: "build", priority: "low", name: "withoutUnseenChecksum" },
  );
  return command;
}

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
        withoutUnseenChecksum(
          new PutObjectCommand({ Bucket: bucket, Key: key, ContentType: contentType, Metadata: metadata }),
        ),
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

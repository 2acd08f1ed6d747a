import type { S3ClientConfig } from '@aws-sdk/client-s3'
import type { Plugin } from 'payload'

import { s3Storage } from '@payloadcms/storage-s3'

import { env } from './env'

/**
 * Where media and document files live. With S3_BUCKET set, on S3-compatible storage (AWS S3, MinIO, R2, …), so web
 * instances need no shared disk; otherwise on the local disk under MEDIA_DIR, as before.
 *
 * - S3_BUCKET: the bucket (unset: local disk)
 * - S3_REGION: default us-east-1 (what MinIO and most S3-compatible servers accept)
 * - S3_ENDPOINT: the server's URL, for anything but AWS (unset: AWS's endpoint for the region)
 * - S3_FORCE_PATH_STYLE: "true" addresses the bucket in the path (default: true when S3_ENDPOINT is set)
 * - S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: credentials (unset: the AWS SDK's own chain: AWS_* env, IAM role, …)
 * - S3_PREFIX: a folder for the keys inside the bucket (default: none)
 *
 * Files are still served through Payload (/api/media/file/…), so media access control applies and
 * the bucket can stay private.
 */
export function s3ClientConfig(): S3ClientConfig {
  const endpoint = process.env.S3_ENDPOINT || undefined
  const accessKeyId = process.env.S3_ACCESS_KEY_ID
  const secretAccessKey = process.env.S3_SECRET_ACCESS_KEY
  return {
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
    endpoint,
    forcePathStyle: env('S3_FORCE_PATH_STYLE', endpoint ? 'true' : 'false') === 'true',
    region: env('S3_REGION', 'us-east-1'),
  }
}

/**
 * The storage plugin. It is always installed, enabled only with S3_BUCKET, and always adds its two
 * columns (prefix, _objectKey), so the schema and the migrations do not depend on the environment.
 */
export function mediaStoragePlugin(): Plugin {
  const bucket = process.env.S3_BUCKET || ''
  return s3Storage({
    alwaysInsertFields: true,
    bucket,
    collections: {
      documents: { prefix: [process.env.S3_PREFIX, 'documents'].filter(Boolean).join('/') },
      media: { prefix: process.env.S3_PREFIX || undefined },
    },
    config: s3ClientConfig(),
    enabled: bucket !== '',
  })
}

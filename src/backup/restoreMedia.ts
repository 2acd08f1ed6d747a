import type { Manifest } from './manifest'

import fs from 'node:fs'
import path from 'node:path'

import { moveInto, setAside } from './backupPaths'
import { listFiles, mediaLocation } from './mediaFiles'

/**
 * Puts the archive's media/ in place of the local MEDIA_DIR, which is moved aside first (checked
 * beforehand by checkMediaRestore). Returns what to tell the operator.
 */
export function restoreMedia(manifest: Manifest, extracted: string, dataDir: string, stamp: string): string[] {
  const from = path.join(extracted, 'media')
  const location = mediaLocation()
  if (!manifest.media.included) {
    return [
      `media was not in the backup (${manifest.media.note}); the ${location.kind === 's3' ? 'bucket' : 'media folder'} is left as it is`,
    ]
  }
  if (location.kind === 's3') {
    const kept = path.join(dataDir, 'backups', `restored-media-${stamp}`)
    moveInto(from, kept)
    return [
      `media is configured for the S3 bucket "${location.bucket}": the archive's ${manifest.media.files} files are left in ${kept}; upload them to the bucket`,
    ]
  }
  if (!fs.existsSync(from)) fs.mkdirSync(from)
  const aside = setAside(location.dir, stamp)
  try {
    moveInto(from, location.dir)
  } catch (error) {
    const kept = aside ? `the previous media folder is at ${aside}` : 'there was no previous media folder'
    throw new Error(`could not move the restored media into ${location.dir} (${(error as Error).message}); ${kept}`, {
      cause: error,
    })
  }
  return [
    `media: ${listFiles(location.dir).length} files restored into ${location.dir}`,
    ...(aside ? [`the previous media folder is kept at ${aside}`] : []),
  ]
}

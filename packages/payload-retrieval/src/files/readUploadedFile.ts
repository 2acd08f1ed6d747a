import type { Payload, PayloadRequest, SanitizedUploadConfig } from 'payload'

import fs from 'node:fs/promises'
import path from 'node:path'
import { createLocalReq } from 'payload'

import { UnreadableFileError } from './unreadableFile'

type UploadDoc = { filename?: null | string; prefix?: null | string }

/**
 * The bytes of an upload collection's file, from wherever Payload keeps it: a storage adapter's
 * handlers (S3 and the like answer the file as Payload's own file route would), else the
 * collection's static directory on disk. The document was read with a visitor's access, so only a
 * published document's file is ever read.
 */
export async function readUploadedFile(payload: Payload, slug: string, doc: UploadDoc): Promise<Uint8Array> {
  const filename = doc.filename
  if (!filename) throw new UnreadableFileError('the document has no file')
  const collection = payload.config.collections.find((entry) => entry.slug === slug)
  const upload: Partial<SanitizedUploadConfig> = typeof collection?.upload === 'object' ? collection.upload : {}
  if (upload.handlers?.length) {
    const req = (await createLocalReq({}, payload)) as PayloadRequest
    const params = { collection: slug, filename, prefix: doc.prefix ?? undefined }
    for (const handler of upload.handlers) {
      // The handlers type `doc` as the host's generated upload type, which a plugin cannot name.
      const response = await handler(req, { doc: doc as never, headers: new Headers(), params })
      if (response instanceof Response) {
        if (!response.ok) throw new Error(`Reading ${filename} from storage answered ${response.status}`)
        return new Uint8Array(await response.arrayBuffer())
      }
    }
  }
  const directory = path.resolve(upload.staticDir || slug)
  const file = path.resolve(directory, filename)
  if (!file.startsWith(directory + path.sep)) throw new UnreadableFileError('the file name is not valid')
  try {
    return new Uint8Array(await fs.readFile(file))
  } catch (error) {
    // Missing on disk is not for an editor to fix by saving again; other errors (permissions, I/O) are retried.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new UnreadableFileError('the file is missing from storage')
    throw error
  }
}

/**
 * Without S3_BUCKET, media stay on the local disk (MEDIA_DIR) exactly as before: the storage plugin is
 * installed but disabled, and no request goes to any object store.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import { afterAll, expect, it } from 'vitest'

import { useApiTest } from '../helpers/apiTest'
import { pngFile } from '../helpers/fixtures'
import { startS3StandIn } from '../helpers/s3StandIn'

// A stand-in is listening, and its address is set, but with no bucket it must not be used.
const s3 = await startS3StandIn({ bucket: 'unused' })
for (const name of ['S3_BUCKET', 'S3_PREFIX', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY']) delete process.env[name]
process.env.S3_ENDPOINT = s3.url

const test = useApiTest({ actors: false })
afterAll(() => s3.close())

it('stores uploads under MEDIA_DIR and serves them from there, sending nothing to S3', async () => {
  const media = test.payload.collections.media.config
  expect(media.upload.disableLocalStorage).toBeFalsy()
  expect(media.upload.adapter).toBeUndefined()

  const file = await pngFile(800, 600)
  const doc = await test.payload.create({
    collection: 'media',
    // Public, so a visitor may fetch it although nothing published uses it (mediaVisibility.test.ts).
    data: { alt: 'A blue field', public: true },
    file: { data: file, mimetype: 'image/png', name: 'field.png', size: file.length },
    overrideAccess: true,
  })
  expect(doc.url).toBe(`/api/media/file/${doc.filename}`)
  const onDisk = await fs.readFile(path.join(process.env.MEDIA_DIR!, doc.filename!))
  expect(onDisk.equals(file)).toBe(true)
  await fs.access(path.join(process.env.MEDIA_DIR!, doc.sizes!.thumbnail!.filename!))

  const served = await fetch(`${test.server.url}${doc.url}`)
  expect(served.status).toBe(200)
  expect(Buffer.from(await served.arrayBuffer()).equals(file)).toBe(true)

  const { body } = await test.api.get(`/api/media/${doc.id}`)
  expect(body.url).toBe(doc.url)
  expect(s3.requests).toEqual([])
})

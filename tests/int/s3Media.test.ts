/**
 * Media on S3-compatible storage (S3_* env, src/config/storageOptions.ts): every upload, with each of
 * its generated sizes, goes to the bucket and nothing to the local disk; the app serves the files
 * back through /api/media/file/… unchanged; deleting a media document deletes its objects.
 */
import crypto from 'node:crypto'
import fs from 'node:fs/promises'
import sharp from 'sharp'
import { afterAll, describe, expect, it } from 'vitest'

import { serveDocumentFile } from '../../src/documents/serveDocumentFile'
import { useApiTest } from '../helpers/apiTest'
import { authHeaders } from '../helpers/client'
import { pdfWithPages } from '../helpers/documentFiles'
import { uploadForm } from '../helpers/fixtures'
import { chunkRows, runIndexingJobs } from '../helpers/indexingJobs'
import { startS3StandIn } from '../helpers/s3StandIn'

const bucket = 'askfolio-media-test'
const s3 = await startS3StandIn({ bucket })
// Read by the Payload config when the test loads it (in beforeAll).
Object.assign(process.env, {
  S3_ACCESS_KEY_ID: 'test-key',
  S3_BUCKET: bucket,
  S3_ENDPOINT: s3.url,
  S3_PREFIX: 'uploads',
  S3_SECRET_ACCESS_KEY: 'test-secret',
})

const test = useApiTest()
afterAll(() => s3.close())

/** Every file under MEDIA_DIR, however deep. */
const localFiles = async () =>
  (await fs.readdir(process.env.MEDIA_DIR!, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile())

/** An upload no published content uses is private (tests/int/mediaVisibility.test.ts), so these read as an editor. */
const asEditor = () => authHeaders(test.actors.editor.credential)

const bytesOf = async (path: string, headers: Record<string, string> = asEditor()) => {
  const response = await fetch(`${test.server.url}${path}`, { headers })
  return { body: Buffer.from(await response.arrayBuffer()), response }
}

/** A noisy photo-like image, larger than every generated size, so each one is made. */
const photo = () =>
  sharp({
    create: {
      background: '#0f766e',
      channels: 3,
      height: 1000,
      noise: { mean: 128, sigma: 40, type: 'gaussian' },
      width: 1600,
    },
  })
    .jpeg({ quality: 80 })
    .toBuffer()

describe('media on S3', () => {
  it('stores an upload and every generated size in the bucket, nothing on the local disk', async () => {
    const file = await photo()
    const created = await test.api.post(
      '/api/media',
      uploadForm(file, 'harbour.jpg', 'image/jpeg', { alt: 'The harbour' }),
      { as: test.actors.editor.credential },
    )
    expect(created.status).toBe(201)
    const doc = created.body.doc
    const sizeNames = ['thumbnail', 'card', 'og']
    const filenames = [doc.filename, ...sizeNames.map((name) => doc.sizes[name].filename)]
    expect(filenames.every(Boolean)).toBe(true)

    for (const filename of filenames) expect(s3.objects.has(`uploads/${filename}`)).toBe(true)
    expect(s3.objects.get(`uploads/${doc.filename}`)!.body.equals(file)).toBe(true)
    expect(s3.objects.get(`uploads/${doc.filename}`)!.contentType).toBe('image/jpeg')
    for (const name of sizeNames) {
      const stored = await sharp(s3.objects.get(`uploads/${doc.sizes[name].filename}`)!.body).metadata()
      expect({ height: stored.height, width: stored.width }).toEqual({
        height: doc.sizes[name].height,
        width: doc.sizes[name].width,
      })
    }
    expect(await localFiles()).toEqual([])
  })

  it('serves the files back byte for byte at the same URLs as local storage, ranges included', async () => {
    const file = await photo()
    const { body } = await test.api.post(
      '/api/media',
      uploadForm(file, 'quay.jpg', 'image/jpeg', { alt: 'The quay' }),
      { as: test.actors.editor.credential },
    )
    const doc = body.doc
    // The same proxy URL as on the local disk; the plugin names the key's folder (S3_PREFIX) in the query.
    expect(doc.url).toBe(`/api/media/file/${doc.filename}?prefix=uploads`)
    expect(doc.prefix).toBe('uploads')

    const original = await bytesOf(doc.url)
    expect(original.response.status).toBe(200)
    expect(original.response.headers.get('content-type')).toBe('image/jpeg')
    expect(original.body.equals(file)).toBe(true)
    for (const size of Object.values(doc.sizes) as { filename: string; url: string }[]) {
      expect(size.url).toBe(`/api/media/file/${size.filename}?prefix=uploads`)
      const served = await bytesOf(size.url)
      expect(served.response.status).toBe(200)
      expect(served.body.equals(s3.objects.get(`uploads/${size.filename}`)!.body)).toBe(true)
    }

    const part = await bytesOf(doc.url, { ...asEditor(), Range: 'bytes=10-29' })
    expect(part.response.status).toBe(206)
    expect(part.body.equals(file.subarray(10, 30))).toBe(true)

    const read = await test.api.get(`/api/media/${doc.id}`, { as: test.actors.editor.credential })
    expect(read.status).toBe(200)
    expect(read.body.url).toBe(doc.url)
    // Visitors get neither the document nor any of its files from the bucket: no published content uses it.
    expect((await test.api.get(`/api/media/${doc.id}`)).status).toBe(404)
    for (const url of [doc.url, ...Object.values(doc.sizes).map((size) => (size as { url: string }).url)]) {
      expect((await bytesOf(url, {})).response.status, url).toBe(403)
    }
  })

  it('serves the seeded cover images the site links to from the bucket', async () => {
    const { body } = await test.api.get('/api/projects?limit=1&depth=1&where[coverImage][exists]=true')
    const cover = body.docs[0].coverImage
    expect(cover.url).toBe(`/api/media/file/${cover.filename}?prefix=uploads`)
    expect(s3.objects.has(`uploads/${cover.filename}`)).toBe(true)
    // As a visitor: the cover of a published project is public.
    const card = await bytesOf(cover.sizes.card.url, {})
    expect(card.response.status).toBe(200)
    expect(card.body.equals(s3.objects.get(`uploads/${cover.sizes.card.filename}`)!.body)).toBe(true)
    expect(await localFiles()).toEqual([])
  })

  it('deletes the objects with the media document', async () => {
    const { body } = await test.api.post(
      '/api/media',
      uploadForm(await photo(), 'pier.jpg', 'image/jpeg', { alt: 'The pier' }),
      { as: test.actors.editor.credential },
    )
    const doc = body.doc
    const keys = [doc.filename, ...Object.values(doc.sizes).map((size) => (size as { filename: string }).filename)].map(
      (name) => `uploads/${name}`,
    )
    expect(keys.every((key) => s3.objects.has(key))).toBe(true)
    const before = s3.objects.size

    expect((await test.api.delete(`/api/media/${doc.id}`, { as: test.actors.editor.credential })).status).toBe(200)
    expect(keys.filter((key) => s3.objects.has(key))).toEqual([])
    expect(s3.objects.size).toBe(before - keys.length)
    // As with local storage, Payload refuses a file no media document names (403, not 404).
    expect((await bytesOf(doc.url)).response.status).toBe(403)
  })

  // Payload caps a multipart HTTP request at 50 MB (upload.requestSizeLimit), so files this large
  // arrive through the local API (scripts, imports) only.
  it('sends files of 50 MB and more as a multipart upload', async () => {
    const pdf = Buffer.concat([
      Buffer.from('%PDF-1.4\n'),
      crypto.randomBytes(51 * 1024 * 1024),
      Buffer.from('\nxref\n0 1\ntrailer <<>>\nstartxref\n0\n%%EOF\n'),
    ])
    const doc = await test.payload.create({
      collection: 'media',
      data: { alt: 'Portfolio' },
      file: { data: pdf, mimetype: 'application/pdf', name: 'portfolio.pdf', size: pdf.length },
      overrideAccess: true,
    })
    const key = `uploads/${doc.filename}`
    expect(s3.requests.filter((request) => request.key === key).map((request) => request.operation)).toEqual([
      'CreateMultipartUpload',
      'UploadPart',
      'UploadPart',
      'CompleteMultipartUpload',
    ])
    expect(s3.objects.get(key)!.body.equals(pdf)).toBe(true)
    const served = await bytesOf(doc.url!)
    expect(served.body.equals(pdf)).toBe(true)
    expect(await localFiles()).toEqual([])
  })

  it('keeps document files in the bucket too, where the indexing job and the site read them', async () => {
    const pdf = await pdfWithPages(['The Godwit survey, on page one.', 'The Godwit results, on page two.'])
    const doc = await test.payload.create({
      collection: 'documents',
      data: { _status: 'published', title: 'Godwit survey' },
      file: { data: pdf, mimetype: 'application/pdf', name: 'godwit.pdf', size: pdf.length },
      overrideAccess: true,
    })
    expect(s3.objects.get(`uploads/documents/${doc.filename}`)!.body.equals(pdf)).toBe(true)
    await runIndexingJobs(test.payload)
    const rows = await chunkRows(test.payload, { id: doc.id, slug: 'documents' })
    expect(rows.find((row) => row.text.includes('Godwit results'))?.page).toBe(2)
    const file = `${doc.slug}.pdf`
    // Loaded here: the config must read the S3 settings above first.
    const { default: config } = await import('@payload-config')
    const served = await serveDocumentFile(
      test.payload,
      config,
      new Request(`http://site.test/documents/${file}`),
      file,
    )
    expect(served.status).toBe(200)
    expect(Buffer.from(await served.arrayBuffer()).equals(pdf)).toBe(true)
    expect(await localFiles()).toEqual([])
  })

  it('talks to the configured bucket only', () => {
    expect(s3.requests.length).toBeGreaterThan(0)
    expect(
      s3.requests.filter((request) => request.operation === 'WrongBucket' || request.operation === 'Unsupported'),
    ).toEqual([])
  })
})

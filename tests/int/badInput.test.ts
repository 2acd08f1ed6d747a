/**
 * Bad input gets a 4xx with a message, and writes nothing: no document, no audit entry, no file.
 */
import fs from 'node:fs/promises'
import { describe, expect, it } from 'vitest'

import { useApiTest } from '../helpers/apiTest'
import { pngFile, unique, uploadForm } from '../helpers/fixtures'

// Read by the Payload config when it loads (in beforeAll): keeps the oversized upload small.
process.env.MAX_UPLOAD_MB = '1'

const test = useApiTest()

type Counted = 'audit-logs' | 'blog-posts' | 'media' | 'projects' | 'skills' | 'users'

async function snapshot() {
  const counts: Partial<Record<Counted, number>> = {}
  for (const collection of ['audit-logs', 'blog-posts', 'media', 'projects', 'skills', 'users'] as Counted[]) {
    counts[collection] = (
      await test.payload.count({
        collection,
        overrideAccess: true,
        trash: collection === 'projects' || collection === 'blog-posts',
      })
    ).totalDocs
  }
  const files = (await fs.readdir(process.env.MEDIA_DIR!)).length
  return { counts, files }
}

/** A one-page PDF with a correct cross-reference table. */
function minimalPdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
  ]
  let body = '%PDF-1.4\n'
  const offsets = objects.map((object, index) => {
    const offset = body.length
    body += `${index + 1} 0 obj\n${object}\nendobj\n`
    return offset
  })
  const xref = body.length
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  body += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(body, 'latin1')
}

/** Runs a request that must fail with `status` and a message, and checks that nothing was stored. */
async function expectRejected(send: () => Promise<{ body: any; status: number }>, status: number, message: RegExp) {
  const before = await snapshot()
  const res = await send()
  expect(res.status, JSON.stringify(res.body)).toBe(status)
  expect(res.body.errors?.[0]?.message).toMatch(message)
  expect(await snapshot()).toEqual(before)
  return res
}

describe('bad input', () => {
  it('a URL that is not a URL', async () => {
    const res = await expectRejected(
      () =>
        test.api.post(
          '/api/projects',
          { liveUrl: 'javascript:alert(1)', repoUrl: 'github.com/x', title: unique('Bad URL') },
          { as: test.actors.editor.credential },
        ),
      400,
      /invalid/,
    )
    const paths = res.body.errors[0].data.errors.map((error: { path: string }) => error.path)
    expect(paths).toEqual(expect.arrayContaining(['repoUrl', 'liveUrl']))
    expect(res.body.errors[0].data.errors[0].message).toMatch(/full URL/)
  })

  it('a duplicate slug, and a duplicate skill name', async () => {
    const slug = await expectRejected(
      () =>
        test.api.post(
          '/api/projects',
          { slug: 'tidewater', title: unique('Copycat') },
          { as: test.actors.editor.credential },
        ),
      400,
      /slug/,
    )
    expect(slug.body.errors[0].data.errors[0]).toMatchObject({ message: 'Value must be unique', path: 'slug' })
    await expectRejected(
      () =>
        test.api.post('/api/skills', { category: 'tool', name: 'TypeScript' }, { as: test.actors.editor.credential }),
      400,
      /name/,
    )
  })

  it('a title that makes no slug (while a typed slug is tidied, not refused)', async () => {
    const res = await expectRejected(
      () => test.api.post('/api/blog-posts', { title: '!!!' }, { as: test.actors.editor.credential }),
      400,
      /slug/i,
    )
    expect(res.body.errors[0].data.errors[0].message).toMatch(/slug is required/)

    const tidied = await test.api.post(
      '/api/blog-posts',
      { slug: 'Ünïcode Title, Really!', title: unique('Post') },
      { as: test.actors.editor.credential },
    )
    expect(tidied.status).toBe(201)
    expect(tidied.body.doc.slug).toBe('unicode-title-really')
  })

  it('malformed JSON', async () => {
    await expectRejected(
      () =>
        test.api.request('POST', '/api/skills', {
          as: test.actors.editor.credential,
          body: '{"name": "Rust", "category": ',
          headers: { 'Content-Type': 'application/json' },
        }),
      400,
      /Invalid JSON/,
    )
  })

  it('values of the wrong type, unknown options and missing required fields', async () => {
    await expectRejected(
      () => test.api.post('/api/projects', { title: { nested: true } }, { as: test.actors.editor.credential }),
      400,
      /title/,
    )
    await expectRejected(
      () =>
        test.api.post(
          '/api/skills',
          { category: 'wizardry', name: unique('Magic') },
          { as: test.actors.editor.credential },
        ),
      400,
      /Category/,
    )
    await expectRejected(
      () => test.api.post('/api/skills', { category: 'tool' }, { as: test.actors.editor.credential }),
      400,
      /Name/,
    )
    await expectRejected(
      () =>
        test.api.post(
          '/api/users',
          { email: 'not-an-email', name: 'X', password: 'long enough password' },
          { as: test.actors.admin.credential },
        ),
      400,
      /email/i,
    )
  })

  it('an upload of the wrong type, even when named like an image', async () => {
    const text = Buffer.from('#!/bin/sh\necho not an image\n')
    const fake = await expectRejected(
      () =>
        test.api.request('POST', '/api/media', {
          as: test.actors.editor.credential,
          body: uploadForm(text, 'photo.png', 'image/png', { alt: 'fake' }),
        }),
      400,
      /file/,
    )
    expect(fake.body.errors[0].data.errors[0]).toMatchObject({
      message: expect.stringMatching(/file type/i),
      path: 'file',
    })
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    const script = await expectRejected(
      () =>
        test.api.request('POST', '/api/media', {
          as: test.actors.editor.credential,
          body: uploadForm(svg, 'logo.svg', 'image/svg+xml', { alt: 'svg' }),
        }),
      400,
      /file/,
    )
    expect(script.body.errors[0].data.errors[0].message).toMatch(/MIME type/)
  })

  it('an upload over the size limit (413: the status HTTP reserves for it)', async () => {
    const big = await pngFile(1400, 1400) // a noisy-free PNG is small; pad it past 1 MB
    const padded = Buffer.concat([big, Buffer.alloc(1_200_000)])
    await expectRejected(
      () =>
        test.api.request('POST', '/api/media', {
          as: test.actors.editor.credential,
          body: uploadForm(padded, 'huge.png', 'image/png', { alt: 'huge' }),
        }),
      413,
      /size limit/i,
    )
  })

  it('an upload without its required alt text', async () => {
    await expectRejected(
      () =>
        test.api.request('POST', '/api/media', {
          as: test.actors.editor.credential,
          body: uploadForm(Buffer.from([]), 'x.png', 'image/png', {}),
        }),
      400,
      /./,
    )
    const png = await pngFile()
    await expectRejected(
      () =>
        test.api.request('POST', '/api/media', {
          as: test.actors.editor.credential,
          body: uploadForm(png, 'x.png', 'image/png', {}),
        }),
      400,
      /Alt/i,
    )
  })

  it('a good upload still works, with its generated sizes', async () => {
    const png = await pngFile(1600, 900)
    const res = await test.api.request('POST', '/api/media', {
      as: test.actors.editor.credential,
      body: uploadForm(png, 'good.png', 'image/png', { alt: 'A blue rectangle' }),
    })
    expect(res.status).toBe(201)
    expect(res.body.doc.mimeType).toBe('image/png')
    expect(Object.keys(res.body.doc.sizes).sort()).toEqual(['card', 'og', 'thumbnail'])
    expect(res.body.doc.sizes.og).toMatchObject({ height: 630, width: 1200 })
    const files = await fs.readdir(process.env.MEDIA_DIR!)
    expect(files).toEqual(expect.arrayContaining([res.body.doc.filename, res.body.doc.sizes.thumbnail.filename]))
  })

  it('a PDF is accepted too', async () => {
    const pdf = minimalPdf()
    const res = await test.api.request('POST', '/api/media', {
      as: test.actors.editor.credential,
      body: uploadForm(pdf, 'cv.pdf', 'application/pdf', { alt: 'Curriculum vitae' }),
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body.doc.mimeType).toBe('application/pdf')
  })
})

import { beforeAll, describe, expect, it } from 'vitest'

/**
 * Documents: uploaded PDFs, Word and Markdown files that search and the chatbot read and cite. The
 * files are built here (pdfkit, docx) with known text on known pages, uploaded through REST as an
 * editor, and indexed by the real indexing job. Answers cite a PDF's page; a Word heading heads its
 * chunks; files that hold no text save fine and say why in the index state, with nothing else
 * touched; drafts are never searchable and their files never served to visitors; a copy is flagged.
 */
import config from '@payload-config'

import { getRetrievalContext } from '../../packages/payload-retrieval/src/context'
import { retryFailed } from '../../packages/payload-retrieval/src/jobs/retryFailedTask'
import { serveDocumentFile } from '../../src/documents/serveDocumentFile'
import { useApiTest } from '../helpers/apiTest'
import { docxType, docxWithSections, pdfType, pdfWithPages } from '../helpers/documentFiles'
import { uploadForm } from '../helpers/fixtures'
import { chunkRows, runIndexingJobs, unfinishedJobs } from '../helpers/indexingJobs'

const test = useApiTest()

// The seeded site, CV and case study included, indexed by the real job.
beforeAll(async () => runIndexingJobs(test.payload))

type Uploaded = { id: number; slug: string; filename: string; duplicateOf?: null | number; sha256?: string }

let counter = 0
/** Uploads a file as the editor, published unless `draft`. */
async function upload(file: Buffer, name: string, type: string, data: Record<string, unknown> = {}) {
  const title = (data.title as string) ?? `Document ${++counter} ${Date.now().toString(36)}`
  const res = await test.api.post(
    '/api/documents',
    uploadForm(file, name, type, { _status: 'published', ...data, title }),
    {
      as: test.actors.editor.credential,
    },
  )
  return res
}

async function uploaded(file: Buffer, name: string, type: string, data: Record<string, unknown> = {}) {
  const res = await upload(file, name, type, data)
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  await runIndexingJobs(test.payload)
  return res.body.doc as Uploaded
}

async function indexState(id: number) {
  const { docs } = await test.payload.find({
    collection: 'retrieval-status',
    overrideAccess: true,
    where: { and: [{ source: { equals: 'documents' } }, { sourceId: { equals: String(id) } }] },
  })
  return docs[0] as { chunks: number; error: null | string; state: string }
}

const search = async (q: string) =>
  (await test.api.get(`/api/search?q=${encodeURIComponent(q)}`)).body.results as {
    collection: string
    id: string
    page: null | number
    title: string
    url: string
  }[]

const ask = async (message: string) => (await test.api.post('/api/chat', { message })).body

const visitorFile = (file: string, headers: Record<string, string> = {}) =>
  serveDocumentFile(test.payload, config, new Request(`http://site.test/documents/${file}`, { headers }), file)

describe('the seeded documents', () => {
  it('answer from the CV and cite its page', async () => {
    const answer = await ask('What did she do at her last job?')
    expect(answer.sources[0]).toMatchObject({ collection: 'documents', label: 'CV, page 2', page: 2 })
    expect(answer.sources[0].url).toMatch(/^\/documents\/cv\.pdf#page=2$/)
  })

  it('show the CV on the profile for visitors', async () => {
    const res = await test.api.get('/api/globals/profile?depth=1')
    expect(res.body.cv).toMatchObject({ slug: 'cv', title: 'CV' })
  })
})

describe('a PDF', () => {
  it('is cited by the page the answer came from', async () => {
    const pdf = await pdfWithPages([
      'Quarterly report of the Wrenfield cooperative. This page introduces the cooperative and its members.',
      'The Wrenfield cooperative moved its greenhouse irrigation to rainwater tanks in 2024, cutting water bills by forty percent.',
      'Appendix: the names of the board members and the dates of their terms.',
    ])
    const doc = await uploaded(pdf, 'wrenfield-report.pdf', pdfType, { title: 'Wrenfield report' })
    expect(await indexState(doc.id)).toMatchObject({ error: null, state: 'indexed' })
    const rows = await chunkRows(test.payload, { id: doc.id, slug: 'documents' })
    expect(rows.filter((row) => row.page !== null).map((row) => row.page)).toEqual([1, 2, 3])
    expect(rows.find((row) => row.page === 2)?.url).toBe(`/documents/${doc.slug}.pdf#page=2`)

    const answer = await ask('How did the Wrenfield cooperative cut its water bills?')
    expect(answer.confidence).toBe('high')
    expect(answer.sources[0]).toMatchObject({
      collection: 'documents',
      label: 'Wrenfield report, page 2',
      page: 2,
      url: `/documents/${doc.slug}.pdf#page=2`,
    })
    expect(answer.answer).toMatch(/rainwater/)
    const [hit] = await search('Wrenfield greenhouse irrigation rainwater')
    expect(hit).toMatchObject({ collection: 'documents', page: 2, url: `/documents/${doc.slug}.pdf#page=2` })

    // The site serves the published file, under its slug, with byte ranges for PDF viewers.
    const file = await visitorFile(`${doc.slug}.pdf`)
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toBe('application/pdf')
    expect(Buffer.from(await file.arrayBuffer()).equals(pdf)).toBe(true)
    const range = await visitorFile(`${doc.slug}.pdf`, { range: 'bytes=0-4' })
    expect(range.status).toBe(206)
    expect(await range.text()).toBe('%PDF-')
    expect((await visitorFile(`${doc.slug}.docx`)).status).toBe(404)
  })

  it('re-embeds only the pages whose text changed when its file is replaced', async () => {
    const pages = [
      'Page one of the Osprey handbook: how the team plans its week.',
      'Page two of the Osprey handbook: how releases are tested.',
      'Page three of the Osprey handbook: who is on call on Sundays.',
    ]
    const doc = await uploaded(await pdfWithPages(pages), 'osprey.pdf', pdfType)
    const before = await chunkRows(test.payload, { id: doc.id, slug: 'documents' })
    const changed = await pdfWithPages([
      pages[0],
      pages[1],
      'Page three of the Osprey handbook: nobody is on call on Sundays any more.',
    ])
    const form = uploadForm(changed, 'osprey.pdf', pdfType, { _status: 'published' })
    const res = await test.api.request('PATCH', `/api/documents/${doc.id}`, {
      as: test.actors.editor.credential,
      body: form,
    })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    await runIndexingJobs(test.payload)
    const after = await chunkRows(test.payload, { id: doc.id, slug: 'documents' })
    const idOfPage = (rows: typeof before, page: number) => rows.find((row) => row.page === page)?.id
    // Pages one and two keep their stored rows (and vectors); page three is a new row with the new text.
    expect(idOfPage(after, 1)).toBe(idOfPage(before, 1))
    expect(idOfPage(after, 2)).toBe(idOfPage(before, 2))
    expect(idOfPage(after, 3)).not.toBe(idOfPage(before, 3))
    expect(after.find((row) => row.page === 3)?.text).toMatch(/nobody is on call/)
    expect((await search('Osprey Sundays nobody')).map((hit) => hit.id)).toContain(String(doc.id))
  })
})

describe('a Word file', () => {
  it('gives its headings to the chunks under them', async () => {
    const docx = await docxWithSections([
      {
        heading: 'Kestrel migration plan',
        paragraphs: ['We move the Kestrel billing database in three steps over one weekend.'],
      },
      {
        heading: 'Rollback',
        paragraphs: ['If the checksums differ, the old Kestrel primary takes traffic again within five minutes.'],
      },
    ])
    const doc = await uploaded(docx, 'kestrel.docx', docxType)
    expect(await indexState(doc.id)).toMatchObject({ state: 'indexed' })
    const rows = await chunkRows(test.payload, { id: doc.id, slug: 'documents' })
    expect(rows.find((row) => row.text.includes('checksums differ'))?.heading).toBe('Rollback')
    expect(rows.find((row) => row.text.includes('three steps'))?.heading).toBe('Kestrel migration plan')
    expect(rows.every((row) => row.page === null)).toBe(true)
    // Not a PDF: its citation is the document's page on the site.
    const [hit] = await search('Kestrel rollback checksums')
    expect(hit).toMatchObject({ id: String(doc.id), page: null, url: `/documents/${doc.slug}` })
  })
})

describe('a Markdown file', () => {
  it('is read by heading, markup dropped', async () => {
    const markdown =
      '# Plover notes\n\nThe **Plover** service keeps [its queue](https://example.com) in PostgreSQL.\n\n## Limits\n\n- at most 500 jobs a second\n'
    const doc = await uploaded(Buffer.from(markdown), 'plover.md', 'text/markdown')
    const rows = await chunkRows(test.payload, { id: doc.id, slug: 'documents' })
    expect(rows.find((row) => row.text.includes('500 jobs'))?.heading).toBe('Plover notes › Limits')
    expect(rows.map((row) => row.text).join('\n')).toContain('The Plover service keeps its queue in PostgreSQL.')
  })
})

describe('a file with no readable text', () => {
  const cases: [string, () => Promise<Buffer>, RegExp][] = [
    ['an encrypted PDF', () => pdfWithPages(['Secret Heron plans'], 'hunter2'), /encrypted/],
    ['a PDF with no text layer', () => pdfWithPages(['', '']), /no text layer/],
    // Payload takes words with no PDF header as text; the reader sees it is not what it is called.
    ['a file with no PDF header, sent as a PDF', async () => Buffer.from('just some words'), /not a PDF/],
  ]

  it.each(cases)('%s saves, is marked failed with the reason, and leaves the rest alone', async (_, make, reason) => {
    const doc = await uploaded(await make(), 'broken.pdf', pdfType, { description: 'Heron field notes (scanned)' })
    const state = await indexState(doc.id)
    expect(state.state).toBe('failed')
    expect(state.error).toMatch(/^No readable text: /)
    expect(state.error).toMatch(reason)
    // Its fields are indexed all the same, and the rest of the index is as it was.
    expect((await search('Heron field notes scanned')).map((hit) => hit.id)).toContain(String(doc.id))
    // (Scores shift a little with every new chunk; what each question finds first does not.)
    expect((await search('Portolan Freight shipment tracking'))[0]).toMatchObject({ page: 2, title: 'CV' })
    expect((await ask('How did the Wrenfield cooperative cut its water bills?')).sources[0]).toMatchObject({
      label: 'Wrenfield report, page 2',
    })
    // Reading it again would fail again: the scheduled retry leaves it until someone saves a new file.
    await retryFailed(test.payload, getRetrievalContext(test.payload))
    expect((await unfinishedJobs(test.payload)).map((job) => job.input)).not.toContainEqual(
      expect.objectContaining({ id: String(doc.id) }),
    )
  })

  const refused: [string, () => Promise<Buffer>][] = [
    ['a truncated PDF', async () => (await pdfWithPages(['Cut-off Heron plans', 'More', 'And more'])).subarray(0, 700)],
    ['a file that claims to be a PDF', async () => Buffer.from('%PDF-1.7\nthis is not really a PDF at all\n')],
  ]

  // Payload checks an uploaded PDF's structure itself: these never reach the index at all.
  it.each(refused)('%s is refused by the upload with a clear message, and nothing is stored', async (_, make) => {
    const before = await test.payload.count({ collection: 'documents', overrideAccess: true, trash: true })
    const res = await upload(await make(), 'broken.pdf', pdfType)
    expect(res.status).toBe(400)
    expect(JSON.stringify(res.body)).toMatch(/Invalid PDF file/)
    expect((await test.payload.count({ collection: 'documents', overrideAccess: true, trash: true })).totalDocs).toBe(
      before.totalDocs,
    )
  })
})

describe('a draft document', () => {
  it('is never searchable, and its file is not served to visitors', async () => {
    const pdf = await pdfWithPages(['The Bittern proposal: a draft nobody outside the team may read.'])
    const doc = await uploaded(pdf, 'bittern.pdf', pdfType, { _status: 'draft' })
    const found = async () => (await search('Bittern proposal')).map((hit) => hit.id)
    expect(await chunkRows(test.payload, { id: doc.id, slug: 'documents' })).toEqual([])
    expect(await found()).not.toContain(String(doc.id))
    expect((await ask('What is the Bittern proposal?')).sources.map((s: { id: string }) => s.id)).not.toContain(
      String(doc.id),
    )

    expect((await visitorFile(`${doc.slug}.pdf`)).status).toBe(404)
    const api = await test.api.get(`/api/documents/file/${doc.filename}`)
    expect([403, 404]).toContain(api.status)
    expect((await test.api.get(`/api/documents/${doc.id}`)).status).toBe(404)
    // An editor may read it in the admin.
    expect(
      (await test.api.get(`/api/documents/file/${doc.filename}`, { as: test.actors.editor.credential })).status,
    ).toBe(200)

    // Published, it is served and searchable; unpublished again, neither.
    const publish = await test.api.patch(
      `/api/documents/${doc.id}`,
      { _status: 'published' },
      { as: test.actors.editor.credential },
    )
    expect(publish.status).toBe(200)
    await runIndexingJobs(test.payload)
    expect((await visitorFile(`${doc.slug}.pdf`)).status).toBe(200)
    expect(await found()).toContain(String(doc.id))
    await test.api.patch(`/api/documents/${doc.id}`, { _status: 'draft' }, { as: test.actors.editor.credential })
    await runIndexingJobs(test.payload)
    expect((await visitorFile(`${doc.slug}.pdf`)).status).toBe(404)
    expect(await found()).not.toContain(String(doc.id))
  })

  it('does not show through a project it is attached to', async () => {
    const { docs } = await test.payload.find({
      collection: 'projects',
      limit: 1,
      where: { slug: { equals: 'ledgerline' } },
    })
    const project = docs[0]
    const doc = await uploaded(await pdfWithPages(['Egret draft notes']), 'egret.pdf', pdfType, {
      _status: 'draft',
      projects: [project.id],
      title: 'Egret draft',
    })
    const res = await test.api.get(`/api/projects/${project.id}?depth=1`)
    expect(res.status).toBe(200)
    const joined = JSON.stringify(res.body.documents ?? {})
    expect(joined).not.toContain('Egret')
    expect(joined).not.toContain(`"id":${doc.id}`)
  })

  it('cannot be published by an author', async () => {
    const res = await test.api.post(
      '/api/documents',
      uploadForm(await pdfWithPages(['Author text']), 'author.pdf', pdfType, {
        _status: 'published',
        title: 'By an author',
      }),
      { as: test.actors.author.credential },
    )
    expect(res.status).toBe(403)
    const { totalDocs } = await test.payload.count({
      collection: 'documents',
      where: { title: { equals: 'By an author' } },
    })
    expect(totalDocs).toBe(0)
  })
})

describe('a duplicate upload', () => {
  it('is flagged with the document it copies, which visitors never see', async () => {
    const pdf = await pdfWithPages(['The Curlew survey, one page only.'])
    const first = await uploaded(pdf, 'curlew.pdf', pdfType)
    const second = await uploaded(pdf, 'curlew-again.pdf', pdfType)
    const asEditor = (id: number) => test.api.get(`/api/documents/${id}?depth=0`, { as: test.actors.editor.credential })
    const [a, b] = [(await asEditor(first.id)).body, (await asEditor(second.id)).body]
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(b.sha256).toBe(a.sha256)
    expect(a.duplicateOf ?? null).toBeNull()
    expect(b.duplicateOf).toBe(first.id)
    // The flag is computed, not taken from a request.
    await test.api.patch(
      `/api/documents/${first.id}`,
      { duplicateOf: second.id, sha256: 'forged' },
      { as: test.actors.editor.credential },
    )
    expect((await asEditor(first.id)).body).toMatchObject({ sha256: a.sha256 })
    expect((await asEditor(first.id)).body.duplicateOf ?? null).toBeNull()

    const visitor = await test.api.get(`/api/documents/${second.id}`)
    expect(visitor.status).toBe(200)
    expect(visitor.body).not.toHaveProperty('sha256')
    expect(visitor.body).not.toHaveProperty('duplicateOf')
  })
})

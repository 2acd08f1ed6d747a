/**
 * Document figures for a 100-page PDF (made here with pdfkit from the seed's prose), on the embedded
 * database or a native PostgreSQL:
 *
 *   npm run bench:documents [-- --db embedded|native --pages 100 --runs 5 --extract-runs 20]
 *
 * - extraction throughput: the retrieval plugin's PDF reader alone, in its worker thread (pages/s,
 *   median of `--extract-runs`, after one warm-up read); the smallest worker heap limit that reads
 *   the file; and the most the main thread's heap grew by in one read (after a GC);
 * - publish to searchable: an editor's upload of the published PDF (the save, which never reads the
 *   file), then the indexing job (read, chunk, write), until a phrase from page 73 is found on page 73
 *   (median and worst of the runs; the job runner's poll, up to a second in the app, is not counted);
 * - replacing the file with one page changed: how many chunks are written again.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { progressBar } from '../src/cli/progressBar'
import { describeEngine, engineOption, useBenchDatabase } from './benchDatabase'
import { log, machineLoad, numberOption, percentile, runMain } from './common'
import { sentencePool } from './sentencePool'

const engine = engineOption()
const pageCount = numberOption('pages', 100)
const runs = numberOption('runs', 5)
const extractRuns = numberOption('extract-runs', 20)
const probePage = Math.min(73, pageCount)
const f = (n: number) => n.toFixed(1)
const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  )

/** A PDF of `pageCount` pages of about 250 words each; page `probePage` holds `marker`. */
async function makePdf(pool: string[], marker: string, changedPage?: number) {
  const { generatePdf } = await import('../src/seed/generatePdf')
  const pages = Array.from({ length: pageCount }, (_, i) => {
    const sentences = Array.from({ length: 12 }, (_, j) => pool[(i * 12 + j) % pool.length])
    const paragraphs = [sentences.slice(0, 6).join(' '), sentences.slice(6).join(' ')]
    if (i + 1 === probePage) paragraphs.push(marker)
    if (i + 1 === changedPage) paragraphs.push('This page was revised after the first upload.')
    return { heading: `Chapter ${i + 1}`, paragraphs }
  })
  return generatePdf(pages, { title: 'Benchmark handbook' })
}

async function main() {
  const started = performance.now()
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'askfolio-bench-documents-'))
  const database = await useBenchDatabase(engine, workDir)
  try {
    const { BasePayload } = await import('payload')
    const { default: config } = await import('../payload.config')
    const { migrations } = await import('../migrations')
    const { databaseOf } = await import('../packages/payload-retrieval/src/store/database')
    const { extractFile } = await import('../packages/payload-retrieval/src/files/extractFile')
    const { getRetrievalContext } = await import('../packages/payload-retrieval/src/context')
    const { searchPublished } = await import('@askfolio/payload-retrieval')
    const payload = await new BasePayload().init({ config })
    await payload.db.migrate({ migrations: migrations as never })
    const engineLine = await describeEngine(engine, databaseOf(payload))
    log(engineLine)
    const pool = await sentencePool()
    const limits = getRetrievalContext(payload).files

    log(`extracting a ${pageCount}-page PDF ${extractRuns} times (and once to warm up)`)
    const sample = await makePdf(pool, 'The marker phrase is quokka lighthouse.')
    const pdfFile = { filename: 'bench.pdf', mimeType: 'application/pdf' }
    await extractFile(sample, pdfFile, limits)
    const extraction: number[] = []
    let heapGrowth = 0
    let chunkCount = 0
    for (let run = 0; run < extractRuns; run++) {
      global.gc?.()
      const heapBefore = process.memoryUsage().heapUsed
      const t0 = performance.now()
      const { blocks } = await extractFile(sample, pdfFile, limits)
      extraction.push((performance.now() - t0) / 1000)
      heapGrowth = Math.max(heapGrowth, process.memoryUsage().heapUsed - heapBefore)
      if (blocks.filter((block) => block.kind === 'text' && block.page === probePage).length === 0)
        throw new Error(`page ${probePage} came out empty`)
    }

    // The smallest worker heap that still reads the file: what `maxMemoryMb` must leave room for.
    const { UnreadableFileError } = await import('../packages/payload-retrieval/src/files/unreadableFile')
    let smallestHeap: number | undefined
    for (const maxMemoryMb of [8, 16, 24, 32, 48, 64, 96, 128, 256, 512]) {
      try {
        await extractFile(sample, pdfFile, { ...limits, maxMemoryMb })
        smallestHeap = maxMemoryMb
        break
      } catch (error) {
        if (!(error instanceof UnreadableFileError)) throw error
      }
    }
    log(`smallest worker heap that reads it: ${smallestHeap ?? 'over 512'} MB`)

    const bar = progressBar('publish to searchable', runs)
    const saves: number[] = []
    const jobs: number[] = []
    const totals: number[] = []
    let last: { id: number; marker: string } | undefined
    for (let run = 0; run < runs; run++) {
      const marker = `The marker phrase is wombat${run} observatory${run}.`
      const data = await makePdf(pool, marker)
      const t0 = performance.now()
      const doc = await payload.create({
        collection: 'documents',
        data: { _status: 'published', title: `Benchmark handbook ${run + 1}` },
        file: { data, mimetype: 'application/pdf', name: `handbook-${run}.pdf`, size: data.length },
        overrideAccess: true,
      })
      const saved = performance.now()
      await payload.jobs.run({ limit: 100, queue: 'retrieval' })
      const [hit] = await searchPublished(payload, `wombat${run} observatory${run}`, { limit: 1 })
      const done = performance.now()
      if (hit?.id !== String(doc.id) || hit.page !== probePage)
        throw new Error(`run ${run + 1}: the marker was not found on page ${probePage} (${JSON.stringify(hit)})`)
      saves.push(saved - t0)
      jobs.push(done - saved)
      totals.push(done - t0)
      const rows = await payload.find({
        collection: 'retrieval-status',
        overrideAccess: true,
        where: { and: [{ source: { equals: 'documents' } }, { sourceId: { equals: String(doc.id) } }] },
      })
      chunkCount = Number(rows.docs[0]?.chunks ?? 0)
      last = { id: doc.id, marker }
      bar.tick()
    }
    bar.finish()

    log('replacing the last file with one page changed')
    const { queryRows } = await import('../packages/payload-retrieval/src/store/database')
    const { sql } = await import('@payloadcms/db-postgres/drizzle')
    const ids = async () =>
      new Set(
        (
          await queryRows<{ id: number }>(
            databaseOf(payload),
            sql`select id from retrieval_chunks where source_slug = 'documents' and source_id = ${String(last!.id)}`,
          )
        ).map((row) => row.id),
      )
    const before = await ids()
    const changed = await makePdf(pool, last!.marker, 40)
    await payload.update({
      id: last!.id,
      collection: 'documents',
      data: {},
      file: { data: changed, mimetype: 'application/pdf', name: 'handbook-revised.pdf', size: changed.length },
      overrideAccess: true,
    })
    await payload.jobs.run({ limit: 100, queue: 'retrieval' })
    const after = await ids()
    const rewritten = [...after].filter((id) => !before.has(id)).length

    const pagesPerSecond = extraction.map((seconds) => pageCount / seconds)
    console.log(`
| measure (${pageCount}-page PDF; ${extractRuns} reads, ${runs} uploads) | value |
| --- | --- |
| extraction throughput (PDF reader alone), median / slowest read | ${f(median(pagesPerSecond))} / ${f(Math.min(...pagesPerSecond))} pages/s |
| smallest worker heap limit (\`maxMemoryMb\`) that reads it | ${smallestHeap ?? 'over 512'} MB |
| main thread's heap growth during one read (the text it gets back), largest | ${f(heapGrowth / 1024 / 1024)} MB |
| chunks from the PDF | ${chunkCount} |
| upload save (published, the file not read), median | ${f(median(saves))} ms |
| indexing job (read, chunk, write) and a search that finds page ${probePage}, median / worst | ${f(median(jobs))} / ${f(Math.max(...jobs))} ms |
| publish to searchable, median / worst | ${f(median(totals))} / ${f(Math.max(...totals))} ms |
| file replaced with one page changed: chunks written again | ${rewritten} of ${after.size} |

${engineLine}
node ${process.version}, ${machineLoad()} at the end; embedder: ${process.env.EMBEDDINGS_PROVIDER}`)
    await payload.destroy()
  } finally {
    await database.stop()
    fs.rmSync(workDir, { force: true, recursive: true })
  }
  log(`bench:documents --db ${engine} took ${((performance.now() - started) / 1000).toFixed(0)} s`)
}

runMain(main)

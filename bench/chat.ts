/**
 * /api/chat under load, with the offline extractive model, on the embedded database:
 *
 *   npm run bench:chat [-- --clients 20 --requests 600]
 *
 * Starts the production server (built if needed) on a fresh, seeded data directory, waits until the
 * server has indexed the seeded site, then, from this separate process, runs `clients` concurrent
 * visitors that ask realistic questions (some with no answer on the site, follow-ups in the same
 * session) until `requests` answers are in: JSON first, then server-sent events. Prints throughput,
 * p50/p95 latency (time to the first token for events), and errors; any error fails the run.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { progressBar } from '../src/cli/progressBar'
import { log, numberOption, percentile } from './common'
import { ensureBuild, firstResponse, startServer, stopServer } from './productionServer'

const clients = numberOption('clients', 20)
const requests = numberOption('requests', 600)

const questions = [
  'What is Tidewater built with?',
  'How do you make webhooks idempotent?',
  'Where is Maya based?',
  'Which projects use PostgreSQL?',
  'How does Ledgerline keep the books consistent?',
  'What did you learn moving search from Elasticsearch to PostgreSQL?',
  'How do you run database migrations without downtime?',
  'Why keep a decision log?',
  'What is your experience with Docker?',
  'Give me a recipe for carbonara',
  'What is Quarry?',
  'How are the Switchyard webhooks delivered?',
]
const followUps = ['What stack did it use?', 'Tell me more about that.', 'Is there a live site?']

type Run = { errors: string[]; rps: number; timings: number[] }

/** One question as JSON: the time to the whole answer. */
async function ask(base: string, body: object): Promise<{ ms: number; sessionId?: string }> {
  const started = performance.now()
  const response = await fetch(`${base}/api/chat`, {
    body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json' },
    method: 'POST',
  })
  if (response.status !== 200) throw new Error(`${response.status}: ${await response.text()}`)
  const answer = (await response.json()) as { answer: string; sessionId: string }
  if (!answer.answer) throw new Error('empty answer')
  return { ms: performance.now() - started, sessionId: answer.sessionId }
}

/** One question as server-sent events: the time to the first token, as the visitor feels it. */
async function firstTokenMs(base: string, body: object): Promise<{ ms: number; sessionId?: string }> {
  const started = performance.now()
  const response = await fetch(`${base}/api/chat`, {
    body: JSON.stringify(body),
    headers: { Accept: 'text/event-stream', 'Content-Type': 'application/json' },
    method: 'POST',
  })
  if (response.status !== 200) throw new Error(`${response.status}: ${await response.text()}`)
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
  let text = ''
  let first = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    text += value
    if (!first && text.includes('event: token')) first = performance.now() - started
  }
  if (!text.includes('event: done')) throw new Error(`stream ended without done: ${text.slice(-200)}`)
  return { ms: first, sessionId: /"sessionId":"([\w-]+)"/.exec(text)?.[1] }
}

async function load(base: string, stream: boolean): Promise<Run> {
  const timings: number[] = []
  const errors: string[] = []
  let issued = 0
  const bar = progressBar(stream ? 'events' : 'json', requests)
  const started = performance.now()
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      let sessionId: string | undefined
      let turn = 0
      while (issued < requests) {
        const n = issued++
        // Every third question continues the visitor's conversation.
        const body =
          sessionId && turn % 3 === 2
            ? { message: followUps[n % followUps.length], sessionId }
            : { message: questions[(n + client) % questions.length] }
        try {
          const result = stream ? await firstTokenMs(base, body) : await ask(base, body)
          timings.push(result.ms)
          sessionId = body.sessionId ?? result.sessionId
        } catch (error) {
          errors.push((error as Error).message)
        }
        turn++
        bar.tick()
      }
    }),
  )
  bar.finish()
  const rps = timings.length / ((performance.now() - started) / 1000)
  return { errors, rps, timings: timings.sort((a, b) => a - b) }
}

async function main() {
  ensureBuild()
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'askfolio-bench-chat-'))
  const server = await startServer(dataDir, {
    CHAT_PROVIDER: 'extractive',
    // The load comes from one address; the limits are not what is measured here.
    CHAT_RATE_LIMIT_PER_IP: '1000000',
    CHAT_RATE_LIMIT_PER_SESSION: '1000000',
    EMBEDDINGS_PROVIDER: 'local',
  })
  const base = `http://127.0.0.1:${server.port}`
  try {
    await firstResponse(server, '/healthz')
    log('waiting for the server to index the seeded site')
    for (;;) {
      const { results = [] } = (await (await fetch(`${base}/api/search?q=Tidewater`)).json()) as {
        results?: { title: string }[]
      }
      if (results.some((result) => result.title === 'Tidewater')) break
      await new Promise((resolve) => setTimeout(resolve, 1000))
    }
    await new Promise((resolve) => setTimeout(resolve, 5000)) // let the indexing queue drain
    for (const question of questions) await ask(base, { message: question }) // warm-up

    log(`${requests} questions as JSON from ${clients} concurrent clients`)
    const json = await load(base, false)
    log(`${requests} questions as server-sent events from ${clients} concurrent clients`)
    const events = await load(base, true)

    const f = (n: number) => n.toFixed(0)
    console.log(`
| /api/chat, extractive, ${clients} concurrent clients | answers/s | p50 | p95 | errors |
| --- | --- | --- | --- | --- |
| JSON, whole answer | ${json.rps.toFixed(1)} | ${f(percentile(json.timings, 50))} ms | ${f(percentile(json.timings, 95))} ms | ${json.errors.length} of ${requests} |
| server-sent events, first token | ${events.rps.toFixed(1)} | ${f(percentile(events.timings, 50))} ms | ${f(percentile(events.timings, 95))} ms | ${events.errors.length} of ${requests} |

node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}); server, database and load in separate processes on this machine`)
    const errors = [...json.errors, ...events.errors]
    if (errors.length > 0) throw new Error(`${errors.length} errors, first: ${errors[0]}`)
  } finally {
    await stopServer(server)
    fs.rmSync(dataDir, { force: true, recursive: true })
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})

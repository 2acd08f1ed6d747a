/**
 * A load tool in a process of its own: `clients` concurrent visitors alternate `/api/chat` (JSON) and
 * `/api/search` against `base` for `seconds`, then print one JSON summary line on stdout. Progress
 * goes to stderr every five seconds.
 *
 *   node --import tsx bench/loadClient.ts --base http://127.0.0.1:3000 --clients 20 --seconds 60
 *
 * Every response counts: 2xx as answered, anything else (and a dropped connection) as an error,
 * sorted by status, with a note of whether a 503 carried a JSON message (a clean refusal) or not.
 */
import { numberOption, option, percentile } from './common'

const bases = option('base', 'http://127.0.0.1:3000').split(',')
const clients = numberOption('clients', 20)
const seconds = numberOption('seconds', 60)
/** Time zero for `errorsOverTime` (epoch ms), so a caller can line errors up with its own clock. */
const since = numberOption('since', Date.now())

const questions = [
  'What is Tidewater built with?',
  'How do you make webhooks idempotent?',
  'Which projects use PostgreSQL?',
  'How does Ledgerline keep the books consistent?',
  'How do you run database migrations without downtime?',
  'What is your experience with Docker?',
  'Where is Maya based?',
  'Give me a recipe for carbonara',
]
const queries = [
  'postgres full-text search',
  'typescript',
  'webhooks',
  'migrations',
  'tidewater',
  'double-entry',
  'react',
  'docker',
]

type Sample = { at: number; kind: 'chat' | 'search'; ms: number; status: number; clean?: boolean }
const samples: Sample[] = []
const started = performance.now()
const deadline = started + seconds * 1000

async function request(kind: Sample['kind'], n: number): Promise<void> {
  const at = performance.now()
  const wall = Date.now()
  let status: number
  let clean: boolean | undefined
  const base = bases[n % bases.length]
  try {
    const response =
      kind === 'chat'
        ? await fetch(`${base}/api/chat`, {
            body: JSON.stringify({ message: questions[n % questions.length] }),
            headers: { 'Content-Type': 'application/json' },
            method: 'POST',
            signal: AbortSignal.timeout(30_000),
          })
        : await fetch(`${base}/api/search?q=${encodeURIComponent(queries[n % queries.length])}`, {
            signal: AbortSignal.timeout(30_000),
          })
    status = response.status
    const text = await response.text()
    if (status >= 400) {
      try {
        clean = typeof (JSON.parse(text) as { errors?: { message?: string }[] }).errors?.[0]?.message === 'string'
      } catch {
        clean = false
      }
    }
  } catch {
    status = 0 // refused, reset or timed out
  }
  samples.push({ at: wall - since, clean, kind, ms: performance.now() - at, status })
}

async function visitor(id: number) {
  for (let n = id; performance.now() < deadline; n++)
    await request(Math.floor(n / bases.length) % 2 === 0 ? 'chat' : 'search', n)
}

const summarise = (list: Sample[]) => {
  const ok = list.filter((sample) => sample.status >= 200 && sample.status < 300)
  const times = ok.map((sample) => sample.ms).sort((a, b) => a - b)
  const errors: Record<string, number> = {}
  for (const sample of list) {
    if (sample.status >= 200 && sample.status < 300) continue
    const key = sample.status === 0 ? 'no response' : `${sample.status}${sample.clean ? '' : ' (no JSON message)'}`
    errors[key] = (errors[key] ?? 0) + 1
  }
  return {
    errors,
    ok: ok.length,
    p50: Math.round(percentile(times, 50) ?? 0),
    p95: Math.round(percentile(times, 95) ?? 0),
    requests: list.length,
  }
}

const progress = setInterval(() => {
  const elapsed = Math.round((performance.now() - started) / 1000)
  const failed = samples.filter((sample) => sample.status < 200 || sample.status >= 300).length
  process.stderr.write(`[load] ${elapsed}/${seconds} s: ${samples.length} requests, ${failed} errors\n`)
}, 5000)

await Promise.all(Array.from({ length: clients }, (_, id) => visitor(id)))
clearInterval(progress)

// Errors per five seconds, to line them up with the faults injected meanwhile.
const buckets: Record<string, number> = {}
for (const sample of samples) {
  if (sample.status >= 200 && sample.status < 300) continue
  const from = Math.floor(sample.at / 5000) * 5
  buckets[`${from}-${from + 5}s`] = (buckets[`${from}-${from + 5}s`] ?? 0) + 1
}
const durationS = (performance.now() - started) / 1000
console.log(
  JSON.stringify({
    chat: summarise(samples.filter((sample) => sample.kind === 'chat')),
    clients,
    durationS: Math.round(durationS * 10) / 10,
    errorsOverTime: buckets,
    search: summarise(samples.filter((sample) => sample.kind === 'search')),
    throughput: Math.round((samples.length / durationS) * 10) / 10,
  }),
)

import { type ChildProcess, spawn } from 'node:child_process'

export type WorkerMessage =
  { documents: number; type: 'ready' } | { chunks: number; embedded: number; seconds: number; type: 'done' }

export type BulkRun = {
  chunks: number
  documents: number
  embedded: number
  seconds: number
  workers: number
  workerSeconds: number[]
}

const nextMessage = <T extends WorkerMessage['type']>(child: ChildProcess, type: T) =>
  new Promise<Extract<WorkerMessage, { type: T }>>((resolve, reject) => {
    const onExit = (code: null | number) =>
      reject(new Error(`indexing worker ${child.pid} exited (${code}) before "${type}"`))
    child.once('exit', onExit)
    child.once('message', (message: WorkerMessage) => {
      child.off('exit', onExit)
      if (message.type === type) resolve(message as Extract<WorkerMessage, { type: T }>)
      else reject(new Error(`indexing worker ${child.pid} said "${message.type}", not "${type}"`))
    })
  })

/**
 * Bulk indexing by `workers` processes at once (bench/indexingWorker.ts), each over its own share of
 * the reindex targets, on this process's database (DATABASE_URL). The clock starts when every worker
 * has started Payload and listed its share, and stops when the last one is done.
 */
export async function indexWithWorkers(workers: number): Promise<BulkRun> {
  const children = Array.from({ length: workers }, (_, share) =>
    spawn(process.execPath, ['--import', 'tsx', 'bench/indexingWorker.ts'], {
      // A small pool each: the embedded database accepts 32 connections in all.
      env: { ...process.env, BENCH_SHARE: String(share), BENCH_SHARES: String(workers), DATABASE_POOL_MAX: '3' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  )
  try {
    const ready = await Promise.all(children.map((child) => nextMessage(child, 'ready')))
    const done = children.map((child) => nextMessage(child, 'done'))
    // Once one worker fails the others are stopped; their rejections are not the news.
    for (const report of done) report.catch(() => {})
    const started = performance.now()
    for (const child of children) child.send('go')
    const reports = await Promise.all(done)
    const seconds = (performance.now() - started) / 1000
    await Promise.all(
      children.map((child) =>
        child.exitCode === null ? new Promise((resolve) => child.once('exit', resolve)) : undefined,
      ),
    )
    return {
      chunks: reports.reduce((sum, report) => sum + report.chunks, 0),
      documents: ready.reduce((sum, report) => sum + report.documents, 0),
      embedded: reports.reduce((sum, report) => sum + report.embedded, 0),
      seconds,
      workers,
      workerSeconds: reports.map((report) => report.seconds),
    }
  } finally {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
  }
}

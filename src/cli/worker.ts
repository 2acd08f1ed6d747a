import { heldJobs, releaseHeldJobs } from '@askfolio/payload-jobs'
/**
 * `npm run worker`: runs the jobs queues (search indexing and bulk reindex, email, scheduled tasks
 * such as the editors' digest) in a process of its own. Any number may run at once, beside web
 * processes or instead of their job running (JOBS_AUTORUN=false on the web processes): claims are
 * atomic, and a job whose runner died is taken up again after JOBS_LEASE_SECONDS.
 *
 * On SIGTERM or SIGINT it takes no new jobs, waits up to WORKER_SHUTDOWN_SECONDS (default 30) for
 * jobs in progress, gives back any still running, and exits 0. A second signal exits at once.
 */
import { BasePayload } from 'payload'

import { prepareEnvironment } from '../server/prepareEnvironment'

const log = (message: string) => console.log(`[worker] ${message}`)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

prepareEnvironment()
// A worker runs every queue whatever JOBS_AUTORUN says for web processes; the config reads it
// through jobsAutoRun() to decide whether the plugins schedule their queues.
process.env.JOBS_AUTORUN = 'true'
const graceMs = (Number(process.env.WORKER_SHUTDOWN_SECONDS) || 30) * 1000

const { default: config } = await import('../../payload.config')
const payload = await new BasePayload().init({ config, cron: true })
const autoRun = payload.config.jobs.autoRun
const queues = typeof autoRun === 'function' ? await autoRun(payload) : (autoRun ?? [])
log(
  `running queues ${queues.map((entry) => `${entry.queue ?? 'default'} (up to ${entry.limit ?? 10} at a time)`).join(', ')}; pid ${process.pid}`,
)

let stopping = false
async function stop(signal: NodeJS.Signals) {
  if (stopping) {
    log(`${signal} again: exiting now`)
    process.exit(1)
  }
  stopping = true
  log(`${signal}: taking no new jobs, waiting up to ${graceMs / 1000}s for ${heldJobs().length} running`)
  const crons = payload.crons.splice(0)
  for (const cron of crons) cron.stop()
  const deadline = Date.now() + graceMs
  while (crons.some((cron) => cron.isBusy()) && Date.now() < deadline) await sleep(100)
  const released = await releaseHeldJobs(payload)
  if (released > 0) log(`gave back ${released} unfinished job(s) for another worker`)
  ;(payload.db as { pool?: { end: () => Promise<void> } }).pool?.end().catch(() => {})
  await payload.destroy()
  log('stopped')
  process.exit(0)
}
process.on('SIGINT', () => void stop('SIGINT'))
process.on('SIGTERM', () => void stop('SIGTERM'))

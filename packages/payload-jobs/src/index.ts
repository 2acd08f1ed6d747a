import type { Config, TaskConfig } from 'payload'

import type { PostgresAdapter } from './database'

import { claimJobsAtomically } from './claimJobsAtomically'
import { keepJobAlive } from './keepJobAlive'

export { heldJobs, releaseHeldJobs } from './keepJobAlive'

export type JobsPluginOptions = {
  /**
   * Seconds a running job may go without a heartbeat before another runner takes it up again
   * (its process is presumed dead). Running jobs are touched every quarter of this. Default 120.
   */
  leaseSeconds?: number
}

/** Every task's handler, wrapped so that its job row is touched while it runs. */
const withHeartbeat = (task: TaskConfig, leaseSeconds: number): TaskConfig => {
  const handler = task.handler
  if (typeof handler !== 'function') return task
  return {
    ...task,
    handler: async (args) => {
      const stop = keepJobAlive(args.req.payload, args.job.id, leaseSeconds)
      try {
        return await handler(args)
      } finally {
        stop()
      }
    },
  } as TaskConfig
}

/** Payload's postgres adapter keeps its transactions in `sessions` and can update jobs in bulk. */
function isPostgresAdapter(
  adapter: ReturnType<Config['db']['init']>,
): adapter is PostgresAdapter & ReturnType<Config['db']['init']> {
  return typeof adapter.updateJobs === 'function' && 'sessions' in adapter && Boolean(adapter.sessions)
}

/**
 * Safe job running with any number of runners (web processes and worker processes): a job is
 * claimed by one runner only, jobs sharing a concurrency key never run side by side, and a job
 * whose runner died is taken up again after `leaseSeconds`. For the postgres adapter; apply it
 * after the plugins that add tasks.
 */
export const jobsPlugin =
  (options: JobsPluginOptions = {}) =>
  (incoming: Config): Config => {
    const leaseSeconds = options.leaseSeconds ?? 120
    return {
      ...incoming,
      db: {
        ...incoming.db,
        init: (args) => {
          const adapter = incoming.db.init(args)
          if (!isPostgresAdapter(adapter)) {
            throw new Error(`jobsPlugin needs a PostgreSQL adapter, not "${adapter.name}"`)
          }
          claimJobsAtomically(adapter, leaseSeconds)
          return adapter
        },
      },
      jobs: {
        ...incoming.jobs,
        tasks: (incoming.jobs?.tasks ?? []).map((task) => withHeartbeat(task, leaseSeconds)),
      },
    }
  }

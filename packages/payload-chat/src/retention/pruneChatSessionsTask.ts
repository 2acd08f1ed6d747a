import type { TaskConfig } from 'payload'

import type { ChatContext } from '../context'

import { pruneChatSessions } from './pruneChatSessions'

export const pruneChatSessionsTask = 'prune-chat-sessions'

const dayMs = 86_400_000

/**
 * Deletes visitors' conversations once they are `retention.days` old, on `retention.cron`. With
 * `days: 0` the schedule stays declared (the schema does not depend on the setting) and never fires,
 * and a job queued by hand deletes nothing.
 *
 * Every runner's scheduler may queue the job for the same tick; the exclusive key runs those one
 * after the other, and the later ones find nothing left to delete.
 */
export const buildPruneChatSessionsTask = ({ retention }: ChatContext): TaskConfig => ({
  slug: pruneChatSessionsTask,
  concurrency: { exclusive: true, key: () => `chat:${pruneChatSessionsTask}`, supersedes: false },
  handler: async ({ req }) => {
    if (retention.days === 0) return { output: { messages: 0, sessions: 0 } }
    const before = new Date(Date.now() - retention.days * dayMs)
    const pruned = await pruneChatSessions(req.payload, { batchSize: retention.batchSize, before })
    if (pruned.sessions > 0) {
      req.payload.logger.info({
        msg: `Deleted ${pruned.sessions} chat session(s) and ${pruned.messages} message(s) last active before ${before.toISOString()}`,
      })
    }
    return { output: pruned }
  },
  label: 'Delete chat conversations past their retention',
  outputSchema: [
    { name: 'sessions', type: 'number' },
    { name: 'messages', type: 'number' },
  ],
  retries: 2,
  schedule: [
    {
      cron: retention.cron,
      hooks: retention.days === 0 ? { beforeSchedule: async () => ({ shouldSchedule: false }) } : undefined,
      queue: retention.queue,
    },
  ],
})

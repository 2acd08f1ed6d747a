import type { TaskConfig } from 'payload'

import type { ChatContext } from '../context'

import { type PublishTrigger, runAnswerChecks } from './runAnswerChecks'

export const runChecksTask = 'chat-run-answer-checks'

export type RunChecksInput = { publish?: Partial<PublishTrigger> | null }

/** The publish in a job's input, when a publish queued it (a scheduled job has no input). */
const publishOf = (input: RunChecksInput): PublishTrigger | undefined => {
  const publish = input.publish
  if (!publish?.collection || !publish.documentId || !publish.at) return undefined
  return { at: publish.at, collection: publish.collection, documentId: publish.documentId, userId: publish.userId }
}

/**
 * Runs every answer check: on `checks.cron`, and queued after a publish has been indexed
 * (`queueChecksAfterIndexing`). One run at a time (the exclusive key), none superseded, so each
 * publish's run says whether that publish broke a check. A failure here is the job's alone: the
 * publish it follows was committed and indexed long before.
 */
export const buildRunChecksTask = (context: ChatContext, disabled = false): TaskConfig => ({
  slug: runChecksTask,
  concurrency: { exclusive: true, key: () => `chat:${runChecksTask}`, supersedes: false },
  handler: async ({ input, req }) => {
    const publish = publishOf((input ?? {}) as RunChecksInput)
    const summary = await runAnswerChecks(req.payload, { publish, trigger: publish ? 'publish' : 'schedule' }, context)
    if (summary.failed > 0) {
      req.payload.logger.warn({
        msg: `chat: ${summary.failed} of ${summary.results.length} answer check(s) failed${publish ? ` after ${publish.collection} ${publish.documentId} was published` : ''}`,
      })
    }
    return { output: { failed: summary.failed, passed: summary.passed } }
  },
  inputSchema: [
    {
      name: 'publish',
      type: 'group',
      fields: [
        { name: 'collection', type: 'text' },
        { name: 'documentId', type: 'text' },
        { name: 'userId', type: 'text' },
        { name: 'at', type: 'text' },
      ],
    },
  ],
  label: 'Run the chat’s answer checks',
  outputSchema: [
    { name: 'passed', type: 'number' },
    { name: 'failed', type: 'number' },
  ],
  retries: 1,
  // With the chat disabled the schedule stays declared (the schema does not depend on it) and never fires.
  schedule: [
    {
      cron: context.checks.cron,
      hooks: disabled ? { beforeSchedule: async () => ({ shouldSchedule: false }) } : undefined,
      queue: context.checks.queue,
    },
  ],
})

import type { TaskConfig } from 'payload'

import { digestSettings } from './emailSettings'
import { sendEditorDigest } from './sendEditorDigest'
import { emailQueue } from './sendEmailTask'

export const editorDigestTask = 'send-editor-digest'

/**
 * The editors' digest on a schedule (EMAIL_DIGEST_CRON, on the email queue). With EMAIL_DIGEST=off
 * the schedule stays declared (the schema does not depend on the setting) and never fires.
 *
 * Payload's scheduler checks for a waiting job and then queues one, not atomically, so two workers
 * ticking in the same second can queue two digests. The exclusive key runs them one after the other,
 * and the second finds nothing new since the first and sends nothing.
 */
export const buildEditorDigestTask = (): TaskConfig => {
  const settings = digestSettings()
  return {
    slug: editorDigestTask,
    concurrency: { exclusive: true, key: () => `email:${editorDigestTask}`, supersedes: false },
    handler: async ({ req }) => ({ output: await sendEditorDigest(req) }),
    label: 'Email editors the chatbot digest',
    outputSchema: [
      { name: 'sent', type: 'checkbox' },
      { name: 'unanswered', type: 'number' },
      { name: 'negativeFeedback', type: 'number' },
      { name: 'recipients', type: 'number' },
    ],
    retries: { attempts: 3, backoff: { delay: 60_000, type: 'exponential' } },
    schedule: [
      {
        cron: settings.cron,
        hooks: settings.enabled ? undefined : { beforeSchedule: async () => ({ shouldSchedule: false }) },
        queue: emailQueue,
      },
    ],
  }
}

import type { TaskConfig } from 'payload'

import { digestSettings } from './emailSettings'
import { emailQueue } from './sendEmailTask'
import { sendEditorDigest } from './sendEditorDigest'

export const editorDigestTask = 'send-editor-digest'

/**
 * The editors' digest on a schedule (EMAIL_DIGEST_CRON, on the email queue). With EMAIL_DIGEST=off
 * the schedule stays declared (the schema does not depend on the setting) and never fires.
 */
export const buildEditorDigestTask = (): TaskConfig => {
  const settings = digestSettings()
  return {
    slug: editorDigestTask,
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

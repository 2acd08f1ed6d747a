import type { Config } from 'payload'

import { withAutoRun } from '@askfolio/payload-retrieval'

import { EditorDigests } from './EditorDigests'
import { buildEditorDigestTask } from './editorDigestTask'
import { buildExpireVerificationLinksTask } from './expireVerificationLinksTask'
import { queuedEmailAdapter } from './queuedEmailAdapter'
import { buildSendEmailTask, emailQueue } from './sendEmailTask'

export type EmailPluginOptions = {
  /** Run the outbox every second in this process (JOBS_AUTORUN); tests run it themselves. */
  autoRun: boolean
}

/** Email through an outbox of jobs (see queuedEmailAdapter.ts and sendEmailTask.ts), and the editors' digest. */
export const emailPlugin =
  (options: EmailPluginOptions) =>
  (incoming: Config): Config => ({
    ...incoming,
    collections: [...(incoming.collections ?? []), EditorDigests],
    email: queuedEmailAdapter(),
    jobs: {
      ...incoming.jobs,
      autoRun: options.autoRun ? withAutoRun(incoming.jobs?.autoRun, emailQueue, 10) : incoming.jobs?.autoRun,
      // The scheduled tasks carry exclusive concurrency keys (retrieval turns this on as well).
      enableConcurrencyControl: true,
      tasks: [
        ...(incoming.jobs?.tasks ?? []),
        buildSendEmailTask(),
        buildEditorDigestTask(),
        buildExpireVerificationLinksTask(),
      ],
    },
  })

import type { Config } from 'payload'

import { EditorDigests } from './EditorDigests'
import { buildEditorDigestTask } from './editorDigestTask'
import { buildExpireVerificationLinksTask } from './expireVerificationLinksTask'
import { queuedEmailAdapter } from './queuedEmailAdapter'
import { buildSendEmailTask, emailQueue } from './sendEmailTask'

export type EmailPluginOptions = {
  /** Run the outbox every second in this process (JOBS_AUTORUN); tests run it themselves. */
  autoRun: boolean
}

type AutoRun = NonNullable<Config['jobs']>['autoRun']

function withAutoRun(autoRun: AutoRun, queue: string): AutoRun {
  const ours = { cron: '* * * * * *', limit: 10, queue }
  if (typeof autoRun === 'function') return async (payload) => [...(await autoRun(payload)), ours]
  return [...(autoRun ?? []), ours]
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
      autoRun: options.autoRun ? withAutoRun(incoming.jobs?.autoRun, emailQueue) : incoming.jobs?.autoRun,
      tasks: [...(incoming.jobs?.tasks ?? []), buildSendEmailTask(), buildEditorDigestTask(), buildExpireVerificationLinksTask()],
    },
  })

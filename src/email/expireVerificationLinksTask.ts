import type { TaskConfig } from 'payload'

import { emailQueue } from './sendEmailTask'

export const expireVerificationLinksTask = 'expire-verification-links'

/** Hours a verification link works (VERIFY_TOKEN_HOURS, default 48). */
export const verifyTokenHours = () => Number(process.env.VERIFY_TOKEN_HOURS) || 48

/**
 * Payload's verification tokens never expire on their own and its verify operation has no hook, so
 * this task clears the tokens of users still unverified VERIFY_TOKEN_HOURS after they were created
 * (the token is issued then); their link then fails. Runs every ten minutes on the email queue.
 * Two workers may both queue it for one tick; the exclusive key runs them in turn and the second
 * finds nothing left to expire.
 */
export const buildExpireVerificationLinksTask = (): TaskConfig => ({
  slug: expireVerificationLinksTask,
  concurrency: { exclusive: true, key: () => `email:${expireVerificationLinksTask}`, supersedes: false },
  handler: async ({ req }) => {
    const cutoff = new Date(Date.now() - verifyTokenHours() * 3_600_000).toISOString()
    // Through the adapter with `req`: the job's transaction, and no hooks (nothing to audit).
    const { docs } = await req.payload.db.find({
      collection: 'users',
      limit: 0,
      pagination: false,
      req,
      where: {
        and: [
          { _verified: { not_equals: true } },
          { _verificationToken: { exists: true } },
          { createdAt: { less_than: cutoff } },
        ],
      },
    })
    const stale = docs.filter((user) => (user as { _verificationToken?: null | string })._verificationToken)
    for (const user of stale) {
      await req.payload.db.updateOne({
        id: user.id,
        collection: 'users',
        data: { _verificationToken: null },
        req,
        returning: false,
      })
    }
    if (stale.length > 0) req.payload.logger.info({ msg: `Expired the verification links of ${stale.length} user(s)` })
    return { output: { expired: stale.length } }
  },
  label: 'Expire old email verification links',
  outputSchema: [{ name: 'expired', type: 'number' }],
  retries: 2,
  schedule: [{ cron: '0 */10 * * * *', queue: emailQueue }],
})

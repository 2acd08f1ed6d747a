import type { SendMailOptions } from 'nodemailer'
import type { EmailAdapter, SendEmailOptions } from 'payload'

import { readEmailSettings } from './emailSettings'
import { htmlToText } from './htmlToText'
import { queueEmail } from './queueEmail'
import { assertRecipients } from './validateAddresses'

const queuing = new Set<Promise<unknown>>()

/** Resolves once every message handed to the adapter so far is in the outbox (for tests and shutdown). */
export const settleQueuedEmails = async () => {
  while (queuing.size > 0) await Promise.allSettled([...queuing])
}

/** Nodemailer's form of Payload's message, with a text part; the sender, when missing, comes from queueEmail. */
function normalize(message: SendEmailOptions): SendMailOptions {
  const from =
    typeof message.from === 'object' && message.from
      ? message.from.name
        ? `"${message.from.name}" <${message.from.address}>`
        : message.from.address
      : message.from
  const text = message.text ?? (typeof message.html === 'string' ? htmlToText(message.html) : undefined)
  return { ...message, from: from || undefined, text } as SendMailOptions
}

/**
 * Payload's email adapter (the shape of @payloadcms/email-nodemailer's), except that `sendEmail`
 * does not send: it puts the message in the outbox (a `send-email` job, see sendEmailTask.ts), so a
 * slow or unreachable mail server never fails or delays the request. Payload calls `sendEmail` inside
 * the request's transaction without handing over `req`; on the embedded database a write from outside
 * would wait for that very transaction, so the job is written next to it, not awaited: the request
 * goes on, the job lands as soon as the transaction ends. A message that cannot even be queued is logged.
 */
export const queuedEmailAdapter =
  (): EmailAdapter<{ queued: true }> =>
  ({ payload }) => {
    const settings = readEmailSettings()
    return {
      name: 'queued-nodemailer',
      defaultFromAddress: settings.fromAddress,
      defaultFromName: settings.fromName,
      sendEmail: async (message) => {
        assertRecipients(message)
        const normalized = normalize(message)
        const queued = queueEmail(payload, normalized)
          .catch((error: unknown) =>
            payload.logger.error({
              err: error,
              msg: `Could not queue email "${normalized.subject}" to ${String(normalized.to)}`,
            }),
          )
          .finally(() => queuing.delete(queued))
        queuing.add(queued)
        return { queued: true }
      },
    }
  }

import type { SendMailOptions, Transporter } from 'nodemailer'
import type { Payload, TaskConfig } from 'payload'

import { nodemailerAdapter } from '@payloadcms/email-nodemailer'

import { rawMessageTransport, smtpTransport } from './createTransport'
import { type EmailSettings, emailRetries, readEmailSettings } from './emailSettings'
import { writeEmailFile } from './writeEmailFile'

export const sendEmailTask = 'send-email'
export const emailQueue = 'email'

export type SendEmailInput = { message: SendMailOptions }

/** Delivers through Payload's own nodemailer adapter, given the transport (SMTP, or raw for a file). */
async function deliver(payload: Payload, transport: Transporter, settings: EmailSettings, message: SendMailOptions) {
  const adapter = await nodemailerAdapter({
    defaultFromAddress: settings.fromAddress,
    defaultFromName: settings.fromName,
    skipVerify: true,
    transport,
  })
  return (await adapter({ payload }).sendEmail(message as never)) as { message?: Buffer; messageId: string }
}

/**
 * The outbox: one job per message, delivered by @payloadcms/email-nodemailer's adapter. It sends
 * through SMTP when SMTP_HOST is set; otherwise it writes the message as an `.eml` file under
 * DATA_DIR/mail and logs the path. A failure (the SMTP server down, a rejected recipient) is logged
 * and retried with exponential backoff; the job, its attempts and its last error stay in the jobs
 * collection.
 */
export const buildSendEmailTask = (): TaskConfig => {
  const retries = emailRetries()
  return {
    slug: sendEmailTask,
    handler: async ({ input, job, req }) => {
      const { message } = input as SendEmailInput
      const settings = readEmailSettings()
      const to = String(message.to ?? '')
      const attempt = (job.totalTried ?? 0) + 1
      try {
        if (settings.smtp) {
          const info = await deliver(req.payload, smtpTransport(settings.smtp), settings, message)
          req.payload.logger.info({ messageId: info.messageId, msg: `Email sent: "${message.subject}" to ${to}` })
          return {
            output: { delivered: `smtp://${settings.smtp.host}:${settings.smtp.port}`, messageId: info.messageId },
          }
        }
        const info = await deliver(req.payload, rawMessageTransport(), settings, message)
        const file = await writeEmailFile(settings.fileDir, info.message as Buffer)
        req.payload.logger.info({ msg: `Email written (no SMTP_HOST set): "${message.subject}" to ${to}: ${file}` })
        return { output: { delivered: file, messageId: info.messageId } }
      } catch (error) {
        const final = attempt > retries.attempts
        req.payload.logger.error({
          err: error,
          msg: `Email "${message.subject}" to ${to} failed (attempt ${attempt} of ${retries.attempts + 1})${final ? ', giving up' : ', will retry'}`,
        })
        throw error
      }
    },
    inputSchema: [{ name: 'message', type: 'json', required: true }],
    label: 'Send an email',
    outputSchema: [
      { name: 'messageId', type: 'text' },
      { name: 'delivered', type: 'text' },
    ],
    retries: { attempts: retries.attempts, backoff: { delay: retries.delayMs, type: 'exponential' } },
  }
}

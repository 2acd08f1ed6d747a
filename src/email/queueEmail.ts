import type { SendMailOptions } from 'nodemailer'
import type { Payload, PayloadRequest } from 'payload'

import { readEmailSettings } from './emailSettings'
import { emailQueue, sendEmailTask } from './sendEmailTask'

type QueueArgs = Parameters<Payload['jobs']['queue']>[0]

/** Queues a message for the outbox (sender from EMAIL_FROM unless given); with `req` it joins the caller's transaction. */
export function queueEmail(payload: Payload, message: SendMailOptions, req?: PayloadRequest) {
  const settings = readEmailSettings()
  const full = { ...message, from: message.from || `"${settings.fromName}" <${settings.fromAddress}>` }
  return payload.jobs.queue({
    input: { message: full },
    queue: emailQueue,
    req,
    task: sendEmailTask,
  } as unknown as QueueArgs)
}

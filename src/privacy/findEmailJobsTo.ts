import type { PayloadRequest } from 'payload'

import { sendEmailTask } from '../email/sendEmailTask'

type EmailJob = {
  completedAt?: null | string
  createdAt: string
  hasError?: boolean | null
  id: number | string
  input?: { message?: { subject?: string; to?: unknown } }
  processing?: boolean | null
}

const addressesOf = (to: unknown): string[] =>
  (Array.isArray(to) ? to : [to]).flatMap((entry) => {
    if (typeof entry === 'string') return entry.split(',')
    if (entry && typeof entry === 'object' && 'address' in entry)
      return [String((entry as { address: unknown }).address)]
    return []
  })

/**
 * Emails still in the outbox (waiting, retrying or failed) addressed to `email`. Sent ones are deleted
 * by the queue. `processing` ones are being sent right now (their worker holds them).
 */
export async function findEmailJobsTo(req: PayloadRequest, email: string): Promise<EmailJob[]> {
  const { docs } = await req.payload.find({
    collection: 'payload-jobs',
    depth: 0,
    overrideAccess: true,
    pagination: false,
    req,
    where: { taskSlug: { equals: sendEmailTask } },
  })
  const wanted = email.trim().toLowerCase()
  return (docs as unknown as EmailJob[]).filter((job) =>
    addressesOf(job.input?.message?.to).some(
      (address) => address.replace(/^.*</, '').replace(/>.*$/, '').trim().toLowerCase() === wanted,
    ),
  )
}

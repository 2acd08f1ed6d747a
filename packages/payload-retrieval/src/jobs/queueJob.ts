import type { Payload, PayloadRequest } from 'payload'

type QueueArgs = Parameters<Payload['jobs']['queue']>[0]

/**
 * Queues one of the plugin's tasks. The app's generated types know the task slugs; the plugin
 * itself must not depend on them, hence the one cast here.
 */
export const queueJob = (
  payload: Payload,
  args: { input: Record<string, unknown>; queue: string; req?: PayloadRequest; task: string },
) =>
  // Payload types `queue` by the host's generated task slugs, which a plugin compiled alone cannot name.
  payload.jobs.queue(args as unknown as QueueArgs)

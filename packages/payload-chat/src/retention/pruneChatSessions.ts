import type { Payload, Where } from 'payload'

import { messagesSlug, sessionsSlug } from '../collections/chatCollections'

export type PruneChatSessions = {
  /** Sessions deleted per round: each round is one read and two deletes, so no statement grows with the table. */
  batchSize: number
  /** Sessions whose last activity (last message, or start if none) is older than this go. */
  before: Date
}

/** A session last active before `cutoff`: its last message, or its start when it has none. */
export const lastActiveBefore = (cutoff: string): Where => ({
  or: [
    { lastMessageAt: { less_than: cutoff } },
    { and: [{ lastMessageAt: { exists: false } }, { createdAt: { less_than: cutoff } }] },
  ],
})

/**
 * Deletes every session last active before `before`, with all of its messages (questions, answers,
 * feedback), in rounds of `batchSize`. Each statement commits on its own: a run that stops half way
 * leaves only whole sessions or sessions without messages older than the cutoff, and the next run
 * finishes them. Answers how many went.
 */
export async function pruneChatSessions(
  payload: Payload,
  { batchSize, before }: PruneChatSessions,
): Promise<{ messages: number; sessions: number }> {
  const stale = lastActiveBefore(before.toISOString())
  const pruned = { messages: 0, sessions: 0 }
  for (;;) {
    const { docs } = await payload.db.find({
      collection: sessionsSlug,
      limit: batchSize,
      pagination: false,
      select: { id: true },
      sort: 'id',
      where: stale,
    })
    if (docs.length === 0) break
    const ids = docs.map((doc) => doc.id)
    const ofThese: Where = { session: { in: ids } }
    pruned.messages += (await payload.db.count({ collection: messagesSlug, where: ofThese })).totalDocs
    await payload.db.deleteMany({ collection: messagesSlug, where: ofThese })
    // Asked again: a session a visitor took up meanwhile stays (its old messages are gone, rightly).
    await payload.db.deleteMany({ collection: sessionsSlug, where: { and: [{ id: { in: ids } }, stale] } })
    pruned.sessions += ids.length
    if (docs.length < batchSize) break
  }
  return pruned
}

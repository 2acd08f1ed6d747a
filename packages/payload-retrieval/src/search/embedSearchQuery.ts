import type { Payload } from 'payload'

import type { RetrievalContext } from '../context'

/** After a failed query embedding, searches skip the embedder for this long instead of each waiting to fail. */
export const embedderPauseMs = 15_000

const pausedUntil = new WeakMap<RetrievalContext, number>()

export type QueryEmbedding = { degraded?: string; vector: null | number[] }

/**
 * The query's vector, or none with the reason when the embedder cannot give one (its server down or
 * slow). A hybrid search then answers from full text alone rather than failing every visitor; once
 * one query fails, the next ones skip the embedder for `embedderPauseMs`, so an outage costs each
 * search nothing and the embedder gets one try per pause.
 */
export async function embedSearchQuery(
  payload: Payload,
  context: RetrievalContext,
  query: string,
): Promise<QueryEmbedding> {
  const until = pausedUntil.get(context) ?? 0
  if (Date.now() < until)
    return { degraded: 'The embeddings server is unavailable; results come from full-text search only.', vector: null }
  try {
    const embedder = context.embedder
    if (!embedder) return { vector: null }
    const vector = embedder.embedQuery ? await embedder.embedQuery(query) : (await embedder.embed([query]))[0]
    pausedUntil.delete(context)
    return { vector }
  } catch (error) {
    pausedUntil.set(context, Date.now() + embedderPauseMs)
    payload.logger.warn({
      err: error,
      msg: `search: embedding the query failed; full-text only for the next ${embedderPauseMs / 1000} s`,
    })
    return { degraded: 'The embeddings server is unavailable; results come from full-text search only.', vector: null }
  }
}

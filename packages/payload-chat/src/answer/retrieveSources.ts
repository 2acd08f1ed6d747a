import type { Payload } from 'payload'

import type { ChatContext } from '../context'

import { searchPublished } from '@askfolio/payload-retrieval'

import { selectSources } from './selectSources'

/**
 * The retrieval half of an answer: what visitors can see for `query`, judged into a confidence band
 * with the passages to cite. The chat endpoint answers from it, and a suggested question is offered
 * only when this says it would be answered.
 */
export async function retrieveSources(payload: Payload, context: ChatContext, query: string) {
  const hits = await searchPublished(payload, query, { limit: Math.max(8, context.retrieval.maxSources * 2) })
  return selectSources(hits, context.retrieval, context.publicUrl)
}

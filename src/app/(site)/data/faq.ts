import type { Payload } from 'payload'

import type { Faq } from '../../../../payload-types'

export type FaqEntry = Pick<Faq, 'answer' | 'id' | 'question' | 'slug'>

/** Published FAQ entries in question order: what /faq shows (never an author or a draft). */
export async function listFaq(payload: Payload): Promise<FaqEntry[]> {
  const { docs } = await payload.find({
    collection: 'faq',
    depth: 1,
    limit: 500,
    overrideAccess: false,
    select: { answer: true, question: true, slug: true },
    sort: 'question',
    where: { _status: { equals: 'published' } },
  })
  return docs as FaqEntry[]
}

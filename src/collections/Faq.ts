import type { CollectionConfig } from 'payload'

import { draftContentAccess } from '../access/draftContentAccess'
import { ownerField } from '../fields/ownerField'
import { publishedAtField } from '../fields/publishedAtField'
import { slugField } from '../fields/slugField'
import { publicationHooks } from '../hooks/publicationHooks'

/**
 * Short answers to what visitors ask, shown together on /faq (each at `#<slug>`) and indexed for the
 * chat like the rest. "Write an answer" in the chat insights starts one as a draft from unanswered
 * questions (src/config/chatOptions.ts); access, drafts and publishing work as for blog posts.
 */
export const Faq: CollectionConfig = {
  slug: 'faq',
  admin: {
    defaultColumns: ['question', '_status', 'updatedAt'],
    group: 'Content',
    useAsTitle: 'question',
  },
  access: draftContentAccess('faq', 'author'),
  defaultSort: 'question',
  graphQL: { pluralName: 'FaqEntries', singularName: 'FaqEntry' },
  hooks: publicationHooks('faq', 'author'),
  labels: { plural: 'FAQ', singular: 'FAQ entry' },
  trash: true,
  versions: { drafts: true, maxPerDoc: 50 },
  fields: [
    { name: 'question', type: 'text', required: true },
    {
      name: 'otherPhrasings',
      type: 'text',
      admin: { description: 'Other ways visitors ask it; the chat finds the answer by these words too.' },
      hasMany: true,
    },
    { name: 'answer', type: 'richText' },
    slugField('question'),
    ownerField('author', 'Author', 'faq'),
    publishedAtField,
  ],
}

/** A draft entry from the questions visitors asked: the latest wording as the question, the rest as phrasings. */
export const faqFromQuestions = ([question, ...others]: string[]) => ({ otherPhrasings: others, question })

import { collectionStore } from '@askfolio/payload-retrieval'

import { messagesSlug } from '../collections/chatCollections'

/** One question and its answer, with the visitor's feedback, as the `chat-messages` collection holds it. */
export type ChatMessageRecord = {
  answer?: null | string
  comment?: null | string
  createdAt: string
  id: number | string
  publicId: string
  question: string
  ratedAt?: null | string
  rating?: null | string
  session: number | string
  sources?: unknown
  status?: null | string
}

/** The `chat-messages` collection through the Local API. */
export const messagesStore = collectionStore<ChatMessageRecord>(messagesSlug)

import { collectionStore } from '@askfolio/payload-retrieval'

import { sessionsSlug } from '../collections/chatCollections'

/** A conversation, as the `chat-sessions` collection holds it. */
export type ChatSessionDoc = {
  createdAt: string
  id: number | string
  lastMessageAt?: null | string
  messageCount?: null | number
  publicId: string
}

/** The `chat-sessions` collection through the Local API. */
export const sessionsStore = collectionStore<ChatSessionDoc>(sessionsSlug)

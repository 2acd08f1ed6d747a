import { newPublicId } from './publicId'

/** A stored conversation, as a follow-up question finds it. */
export type StoredSession = { id: number | string; messageCount: number; publicId: string }

/**
 * A conversation its first question starts. It is stored with that question's message, in the same
 * statement (see storeMessage): a first question costs no round trip of its own for the session, and
 * a refused or failed request leaves no empty session behind.
 */
export type NewSession = { id: null; publicId: string; userId: null | number | string }

export type Session = NewSession | StoredSession

/** A new session; `userId` links it to the signed-in user who started it (null for a visitor). */
export const newSession = (userId: null | number | string = null): NewSession => ({
  id: null,
  publicId: newPublicId(),
  userId,
})

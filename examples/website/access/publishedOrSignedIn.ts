import type { Access } from 'payload'

/** Visitors read what is published; signed-in users read drafts too. */
export const publishedOrSignedIn: Access = ({ req }) => (req.user ? true : { _status: { equals: 'published' } })

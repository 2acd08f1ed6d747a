import type { CollectionConfig, GlobalConfig } from 'payload'

/** True when the app runs on the embedded database (set by resolveDatabase and the test setup). */
export const isEmbeddedDatabase = (): boolean => process.env.DATABASE_EMBEDDED === 'true'

/**
 * Turns off Payload's document locking on the embedded database. The lock check reads
 * `payload-locked-documents` without the request's transaction; on PGlite every connection shares
 * one backend, so that read waits for the very transaction that is waiting for it, and every save
 * from the admin would hang. On a real PostgreSQL server, locking stays on.
 */
export const embeddedSafe = <T extends CollectionConfig | GlobalConfig>(entity: T): T =>
  isEmbeddedDatabase() ? { ...entity, lockDocuments: false } : entity

import type { CollectionConfig, Config, GlobalConfig } from 'payload'

/** True when the app runs on the embedded database (set by resolveDatabase and the test setup). */
export const isEmbeddedDatabase = (): boolean => process.env.DATABASE_EMBEDDED === 'true'

const withoutLocking = <T extends CollectionConfig | GlobalConfig>(entity: T): T => ({ ...entity, lockDocuments: false })

/**
 * Turns off Payload's document locking on the embedded database. The lock check reads
 * `payload-locked-documents` without the request's transaction; on PGlite every connection shares
 * one backend, so that read waits for the very transaction that is waiting for it, and every save
 * would hang. On a real PostgreSQL server, locking stays on. As the last plugin, it also covers the
 * collections other plugins add.
 */
export const embeddedSafePlugin =
  () =>
  (config: Config): Config =>
    isEmbeddedDatabase()
      ? { ...config, collections: config.collections?.map(withoutLocking), globals: config.globals?.map(withoutLocking) }
      : config

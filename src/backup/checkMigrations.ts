import { migrations } from '../../migrations'

/**
 * Compares the archive's applied migrations with the ones this code ships. A migration the code does
 * not know means the backup comes from a newer schema: refuse. Migrations the archive lacks are run by
 * `npm run migrate` after the restore.
 */
export function checkMigrations(applied: string[]): { pending: string[] } {
  const known = migrations.map((migration) => migration.name)
  const unknown = applied.filter((name) => !known.includes(name))
  if (unknown.length > 0) {
    throw new Error(
      `this backup comes from a newer version of the app: its database has migrations this code does not know (${unknown.join(', ')}). Restore it with that version (or newer).`,
    )
  }
  return { pending: known.filter((name) => !applied.includes(name)) }
}

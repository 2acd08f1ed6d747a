import type { CollectionConfig } from 'payload'

type Hooks = NonNullable<CollectionConfig['hooks']>

/** Several sets of collection hooks as one: each hook list runs the sets' hooks in the order given. */
export function mergeHooks(...sets: (Hooks | undefined)[]): Hooks {
  const merged: Record<string, unknown[]> = {}
  for (const set of sets) {
    for (const [name, list] of Object.entries(set ?? {}))
      merged[name] = [...(merged[name] ?? []), ...((list as unknown[]) ?? [])]
  }
  return merged as Hooks
}

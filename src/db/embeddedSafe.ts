import type {
  CollectionBeforeOperationHook,
  CollectionConfig,
  Config,
  Field,
  GlobalBeforeOperationHook,
  GlobalConfig,
} from 'payload'

/** True when the app runs on the embedded database (set by resolveDatabase and the test setup). */
export const isEmbeddedDatabase = (): boolean => process.env.DATABASE_EMBEDDED === 'true'

/*
 * Payload's document-lock check reads `payload-locked-documents` without the request's transaction.
 * On PGlite every connection shares one backend, so that read waits for the very transaction that is
 * waiting for it, and every save through the API would hang. On the embedded database, updates and
 * deletes therefore skip the check (`overrideLock`); the locks themselves are still recorded and shown
 * in the admin. The schema does not change, so migrations are the same on both databases.
 */
const skipLockCheck = <T extends { args: { overrideLock?: boolean }; operation: string }>({ args, operation }: T) =>
  operation === 'update' || operation === 'delete' ? { ...args, overrideLock: true } : args

const collectionHook: CollectionBeforeOperationHook = (hookArgs) => skipLockCheck(hookArgs as never) as never
const globalHook: GlobalBeforeOperationHook = (hookArgs) => skipLockCheck(hookArgs as never) as never

/*
 * Payload's forgot-password throttle (`minRequestInterval`) reserves the user row outside the
 * request's transaction, after that transaction has begun: on PGlite the request waits for itself.
 * On the embedded database the throttle is off; its column (Payload's `resetPasswordRequestedAt`
 * field, only added while the throttle is on) is declared here so the schema stays the same.
 */
const requestedAtField: Field = {
  name: 'resetPasswordRequestedAt',
  type: 'date',
  access: { create: () => false, update: () => false },
  hidden: true,
}

const withoutResetThrottle = (collection: CollectionConfig): CollectionConfig => {
  const auth = collection.auth
  if (!auth) return collection
  const options = auth === true ? {} : auth
  if (options.disableLocalStrategy || options.forgotPassword?.minRequestInterval === 0) return collection
  return {
    ...collection,
    auth: { ...options, forgotPassword: { ...options.forgotPassword, minRequestInterval: 0 } },
    fields: [...collection.fields, requestedAtField],
  }
}

const withCollectionHook = (incoming: CollectionConfig): CollectionConfig => {
  const collection = withoutResetThrottle(incoming)
  return {
    ...collection,
    hooks: { ...collection.hooks, beforeOperation: [collectionHook, ...(collection.hooks?.beforeOperation ?? [])] },
  }
}
const withGlobalHook = (global: GlobalConfig): GlobalConfig => ({
  ...global,
  hooks: { ...global.hooks, beforeOperation: [globalHook, ...(global.hooks?.beforeOperation ?? [])] },
})

/** The last plugin, so it covers the collections other plugins add. */
export const embeddedSafePlugin =
  () =>
  (config: Config): Config =>
    isEmbeddedDatabase()
      ? {
          ...config,
          collections: config.collections?.map(withCollectionHook),
          globals: config.globals?.map(withGlobalHook),
        }
      : config

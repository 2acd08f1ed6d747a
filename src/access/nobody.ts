/** Denies everyone, admins included; only code that passes `overrideAccess` can act. */
export const nobody = (): boolean => false

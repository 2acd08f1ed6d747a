import type { Payload } from 'payload'

/** The public address links in emails point at: PUBLIC_URL (Payload's serverURL), else the local server. */
export const publicUrl = (payload: Payload) =>
  (payload.config.serverURL || `http://localhost:${process.env.PORT || 3000}`).replace(/\/+$/, '')

/** The admin's page for setting a new password with a reset token (also used by invitations). */
export const resetPasswordUrl = (payload: Payload, token: string) =>
  `${publicUrl(payload)}${payload.config.routes.admin}${payload.config.admin.routes.reset}/${token}`

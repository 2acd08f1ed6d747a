import { env } from '../config/env'

export type SmtpSettings = { host: string; pass?: string; port: number; secure: boolean; user?: string }

export type EmailSettings = {
  /** Where messages go without SMTP settings: `.eml` files under this folder. */
  fileDir: string
  fromAddress: string
  fromName: string
  /** Null without SMTP_HOST: messages are written as files instead. */
  smtp: SmtpSettings | null
}

/** `Name <address>` or a bare address, as EMAIL_FROM may hold either. */
export function parseFromAddress(value: string, fallbackName: string): { address: string; name: string } {
  const match = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(value)
  if (match) return { address: match[2].trim(), name: match[1].trim() || fallbackName }
  return { address: value.trim(), name: fallbackName }
}

/**
 * The email settings from the environment, read when a message is sent (so a change of SMTP settings
 * needs no new config): SMTP_HOST, SMTP_PORT (default 587, or 465 with SMTP_SECURE=true), SMTP_USER,
 * SMTP_PASS, SMTP_SECURE (TLS from the start), EMAIL_FROM, and DATA_DIR for the `.eml` fallback.
 */
export function readEmailSettings(): EmailSettings {
  const from = parseFromAddress(env('EMAIL_FROM', 'no-reply@localhost'), env('SITE_NAME', 'askfolio'))
  const host = process.env.SMTP_HOST
  const secure = env('SMTP_SECURE', 'false') === 'true'
  return {
    fileDir: `${env('DATA_DIR', '.data')}/mail`,
    fromAddress: from.address,
    fromName: from.name,
    smtp: host
      ? {
          host,
          pass: process.env.SMTP_PASS || undefined,
          port: Number(env('SMTP_PORT', secure ? '465' : '587')),
          secure,
          user: process.env.SMTP_USER || undefined,
        }
      : null,
  }
}

/** How sending is retried: EMAIL_RETRY_ATTEMPTS (default 5) with exponential backoff from EMAIL_RETRY_DELAY_MS (default 30 s). */
export const emailRetries = () => ({
  attempts: Number(env('EMAIL_RETRY_ATTEMPTS', '5')),
  delayMs: Number(env('EMAIL_RETRY_DELAY_MS', '30000')),
})

/** The editors' digest: EMAIL_DIGEST=off disables it; EMAIL_DIGEST_CRON (default daily at 07:00 server time, seconds first). */
export const digestSettings = () => ({
  cron: env('EMAIL_DIGEST_CRON', '0 0 7 * * *'),
  enabled: !['false', 'off', '0', 'no'].includes(env('EMAIL_DIGEST', 'on').toLowerCase()),
})

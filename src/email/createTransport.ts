import type { EmailSettings, SmtpSettings } from './emailSettings'

import nodemailer, { type Transporter } from 'nodemailer'

const smtpTransports = new Map<string, Transporter>()

/** A (cached) SMTP transport for these settings. */
export function smtpTransport(smtp: SmtpSettings): Transporter {
  const key = JSON.stringify(smtp)
  let transport = smtpTransports.get(key)
  if (!transport) {
    transport = nodemailer.createTransport({
      auth: smtp.user ? { pass: smtp.pass ?? '', user: smtp.user } : undefined,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      socketTimeout: 30_000,
    })
    smtpTransports.set(key, transport)
  }
  return transport
}

let fileTransport: Transporter | undefined

/** A transport that only builds the raw message (RFC 822), for writing it to a file. */
export function rawMessageTransport(): Transporter {
  fileTransport ??= nodemailer.createTransport({ buffer: true, newline: 'unix', streamTransport: true })
  return fileTransport
}

export const usesSmtp = (settings: EmailSettings) => settings.smtp !== null

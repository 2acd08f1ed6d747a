import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll } from 'vitest'

import { freePort } from './freePort'

export type ReceivedEmail = {
  from: string
  html: string
  /** The raw message as it arrived. */
  raw: string
  recipients: string[]
  subject: string
  text: string
  to: string
}

export type TestSmtpServer = {
  /** Messages received so far, oldest first. */
  messages: ReceivedEmail[]
  port: number
  /** Starts listening again on the same port after `stop`. */
  start: () => Promise<void>
  stop: () => Promise<void>
}

const decodeQuotedPrintable = (value: string) =>
  Buffer.from(
    value
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('utf8')

const decodeBody = (body: string, encoding: string) => {
  if (/quoted-printable/i.test(encoding)) return decodeQuotedPrintable(body)
  if (/base64/i.test(encoding)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
  return body
}

const decodeWords = (value: string) =>
  value.replace(/=\?([^?]+)\?([BQ])\?([^?]*)\?=\s*/gi, (_, _charset: string, kind: string, text: string) =>
    kind.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : decodeQuotedPrintable(text.replace(/_/g, ' ')),
  )

function splitEntity(entity: string): { body: string; headers: Map<string, string> } {
  const at = entity.search(/\r?\n\r?\n/)
  const head = at === -1 ? entity : entity.slice(0, at)
  const body = at === -1 ? '' : entity.slice(at).replace(/^\r?\n\r?\n/, '')
  const headers = new Map<string, string>()
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':')
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim())
  }
  return { body, headers }
}

/** The text and HTML parts of a MIME entity (single part or nested multipart). */
function collectParts(entity: string, parts: { html: string; text: string }) {
  const { body, headers } = splitEntity(entity)
  const type = headers.get('content-type') ?? 'text/plain'
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1]
  if (/^multipart\//i.test(type) && boundary) {
    for (const part of body.split(`--${boundary}`).slice(1)) {
      if (part.startsWith('--')) break
      collectParts(part.replace(/^\r?\n/, ''), parts)
    }
    return
  }
  const decoded = decodeBody(body, headers.get('content-transfer-encoding') ?? '')
  if (/^text\/html/i.test(type)) parts.html += decoded
  else if (/^text\/plain/i.test(type)) parts.text += decoded
}

function parseEmail(raw: string, recipients: string[]): ReceivedEmail {
  const { headers } = splitEntity(raw)
  const parts = { html: '', text: '' }
  collectParts(raw, parts)
  return {
    from: decodeWords(headers.get('from') ?? ''),
    html: parts.html,
    raw,
    recipients,
    subject: decodeWords(headers.get('subject') ?? ''),
    text: parts.text.replace(/\r\n/g, '\n'),
    to: decodeWords(headers.get('to') ?? ''),
  }
}

/**
 * A real SMTP server on 127.0.0.1 (no TLS, any or no credentials), keeping what it receives. It can be
 * stopped and started again on the same port, to play a mail server that is down for a while.
 */
export async function startSmtpServer(): Promise<TestSmtpServer> {
  const port = await freePort()
  const messages: ReceivedEmail[] = []
  let server: SMTPServer | undefined

  const start = async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onAuth: (_auth, _session, callback) => callback(null, { user: 'test' }),
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = []
        stream.on('data', (chunk: Buffer) => chunks.push(chunk))
        stream.on('end', () => {
          messages.push(
            parseEmail(
              Buffer.concat(chunks).toString('utf8'),
              session.envelope.rcptTo.map((rcpt) => rcpt.address),
            ),
          )
          callback()
        })
      },
    })
    await new Promise<void>((resolve, reject) => {
      server!.once('error', reject)
      server!.listen(port, '127.0.0.1', () => resolve())
    })
  }
  const stop = async () => {
    const current = server
    server = undefined
    if (current) await new Promise<void>((resolve) => current.close(() => resolve()))
  }

  await start()
  return { messages, port, start, stop }
}

/**
 * The usual setting of an email test file: a loopback SMTP server for the whole file, with the app
 * pointed at it (SMTP_HOST, SMTP_PORT). Call it before `useApiTest()`, so it starts before Payload
 * does. Its fields are there once the tests run.
 */
export function useSmtpServer(): TestSmtpServer {
  const server = {} as TestSmtpServer
  beforeAll(async () => {
    const started = await startSmtpServer()
    Object.assign(server, started)
    process.env.SMTP_HOST = '127.0.0.1'
    process.env.SMTP_PORT = String(started.port)
  })
  afterAll(async () => server.stop?.())
  return server
}

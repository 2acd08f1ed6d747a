/**
 * Email over a real SMTP server on loopback (tests/helpers/smtpServer.ts): the outbox (every email
 * is a job; a mail server that is down fails no request, the job is retried), forgot-password and
 * reset through the REST API, and invitations. Links in the emails are followed through the API.
 */
import { sql } from '@payloadcms/db-postgres/drizzle'
import { describe, expect, it } from 'vitest'

import { expireVerificationLinksTask } from '../../src/email/expireVerificationLinksTask'
import { useApiTest } from '../helpers/apiTest'
import { emailJobs, runEmailJobs, runEmailJobsOnce } from '../helpers/emailJobs'
import { type ReceivedEmail, useSmtpServer } from '../helpers/smtpServer'

process.env.PUBLIC_URL = 'https://portfolio.test'
process.env.EMAIL_FROM = 'Folio Mail <mail@portfolio.test>'
process.env.SITE_NAME = 'Folio Test Site'
process.env.EMAIL_RETRY_DELAY_MS = '20'

const smtp = useSmtpServer()

const test = useApiTest()

const linkPattern = /https:\/\/portfolio\.test\/admin\/reset\/([0-9a-f]{40})/
const tokenIn = (email: ReceivedEmail) => {
  const fromHtml = linkPattern.exec(email.html)?.[1]
  const fromText = linkPattern.exec(email.text)?.[1]
  expect(fromHtml, 'link in the HTML part').toBeTruthy()
  expect(fromText, 'link in the plain-text part').toBe(fromHtml)
  return fromHtml!
}
const emailsTo = (address: string) => smtp.messages.filter((message) => message.recipients.includes(address))
const login = (email: string, password: string) => test.api.post('/api/users/login', { email, password })
const resetPassword = (token: string, password: string) =>
  test.api.post('/api/users/reset-password', { password, token })

describe('forgot password', () => {
  it('emails a reset link (HTML and text, site name, public URL) that sets a new password once', async () => {
    const email = test.actors.editor.email
    const response = await test.api.post('/api/users/forgot-password', { email })
    expect(response.status).toBe(200)
    await runEmailJobs(test.payload)

    const [message] = emailsTo(email)
    expect(emailsTo(email)).toHaveLength(1)
    expect(message.subject).toBe('Reset your password for Folio Test Site')
    expect(message.from).toContain('mail@portfolio.test')
    expect(message.html).toContain('Folio Test Site')
    expect(message.text).toContain('Folio Test Site')
    expect(message.text).not.toMatch(/<[a-z]/i)
    const token = tokenIn(message)

    expect((await resetPassword(token, 'a brand new passphrase')).status).toBe(200)
    expect((await login(email, 'a brand new passphrase')).status).toBe(200)
    const again = await resetPassword(token, 'yet another passphrase')
    expect(again.status).toBeGreaterThanOrEqual(400)
    expect((await login(email, 'yet another passphrase')).status).toBe(401)
  })

  it('answers an unknown address exactly as a known one, and sends nothing', async () => {
    const before = (await emailJobs(test.payload)).length
    const received = smtp.messages.length
    const known = await test.api.post('/api/users/forgot-password', { email: test.actors.viewer.email })
    const unknown = await test.api.post('/api/users/forgot-password', { email: 'nobody-here@example.com' })
    expect(unknown.status).toBe(known.status)
    expect(unknown.body).toEqual(known.body)
    // One message in the outbox, for the known address.
    expect((await emailJobs(test.payload)).length).toBe(before + 1)
    await runEmailJobs(test.payload)
    expect(smtp.messages.slice(received).map((message) => message.recipients)).toEqual([[test.actors.viewer.email]])
  })

  it('rejects a malformed address with a 400 that says why', async () => {
    for (const email of ['not-an-address', 'two@@example.com', '', 'a b@example.com']) {
      const response = await test.api.post('/api/users/forgot-password', { email })
      expect(response.status, email).toBe(400)
      expect(JSON.stringify(response.body), email).toMatch(/email/i)
    }
  })
})

describe('the outbox', () => {
  it('with the SMTP server down, the request succeeds, the job fails and is retried, and the email arrives later', async () => {
    const email = test.actors.author.email
    await smtp.stop()
    try {
      const response = await test.api.post('/api/users/forgot-password', { email })
      expect(response.status).toBe(200)
      await runEmailJobsOnce(test.payload)
      const [job] = await emailJobs(test.payload)
      expect(job.taskSlug).toBe('send-email')
      expect(job.completedAt ?? null).toBeNull()
      expect(job.hasError).toBeFalsy()
      expect(job.totalTried).toBe(1)
      expect(job.log?.[0]?.state).toBe('failed')
      expect(emailsTo(email)).toHaveLength(0)
    } finally {
      await smtp.start()
    }
    await runEmailJobs(test.payload)
    expect(emailsTo(email)).toHaveLength(1)
    // Sent: the job is done and gone from the outbox.
    expect(await emailJobs(test.payload)).toEqual([])
    const token = tokenIn(emailsTo(email)[0])
    expect((await resetPassword(token, 'after the outage')).status).toBe(200)
  })
})

describe('invitations', () => {
  const invite = (body: object, as = test.actors.admin.credential) => test.api.post('/api/users/invite', body, { as })

  it('lets an admin invite someone, who sets their own password once from the emailed link', async () => {
    const response = await invite({ email: 'New.Person@example.com', name: 'New Person' })
    expect(response.status).toBe(201)
    expect(response.body.user).toMatchObject({ email: 'new.person@example.com', name: 'New Person' })
    await runEmailJobs(test.payload)
    const [message] = emailsTo('new.person@example.com')
    expect(message.subject).toBe('You are invited to Folio Test Site')
    expect(message.text).toContain('New Person')
    const token = tokenIn(message)

    expect((await resetPassword(token, 'my own chosen password')).status).toBe(200)
    expect((await login('new.person@example.com', 'my own chosen password')).status).toBe(200)
    expect((await resetPassword(token, 'someone else trying')).status).toBeGreaterThanOrEqual(400)
  })

  it('expires the link', async () => {
    expect((await invite({ email: 'late@example.com', name: 'Late Comer' })).status).toBe(201)
    await runEmailJobs(test.payload)
    const token = tokenIn(emailsTo('late@example.com')[0])
    await test.payload.db.drizzle.execute(
      sql`update users set reset_password_expiration = now() - interval '1 minute' where email = 'late@example.com'`,
    )
    expect((await resetPassword(token, 'too late now')).status).toBeGreaterThanOrEqual(400)
  })

  it('is for those who may create users, and checks the address', async () => {
    expect((await invite({ email: 'x@example.com', name: 'X' }, null)).status).toBe(401)
    expect((await invite({ email: 'x@example.com', name: 'X' }, test.actors.viewer.credential)).status).toBe(403)
    const bad = await invite({ email: 'not an address', name: 'X' })
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0].message).toMatch(/valid email address/)
    expect((await invite({ email: test.actors.viewer.email, name: 'Again' })).status).toBe(409)
  })
})

describe('email verification', () => {
  const verifyPattern = /https:\/\/portfolio\.test\/admin\/users\/verify\/([0-9a-f]{40})/

  it('asks a user an admin created with a password to confirm the address, once, before signing in', async () => {
    const email = 'with-password@example.com'
    const created = await test.api.post(
      '/api/users',
      { email, name: 'Given Password', password: 'set by the admin' },
      { as: test.actors.admin.credential },
    )
    expect(created.status).toBe(201)
    await runEmailJobs(test.payload)
    const [message] = emailsTo(email)
    expect(message.subject).toBe('Confirm your email address for Folio Test Site')
    const token = verifyPattern.exec(message.html)?.[1]
    expect(token).toBeTruthy()
    expect(verifyPattern.exec(message.text)?.[1]).toBe(token)

    expect((await login(email, 'set by the admin')).status).toBeGreaterThanOrEqual(400)
    expect((await test.api.post(`/api/users/verify/${token}`, {})).status).toBe(200)
    expect((await login(email, 'set by the admin')).status).toBe(200)
    expect((await test.api.post(`/api/users/verify/${token}`, {})).status).toBeGreaterThanOrEqual(400)
  })

  it('expires the link VERIFY_TOKEN_HOURS after the account was created', async () => {
    const email = 'slow-to-verify@example.com'
    const fresh = 'quick-to-verify@example.com'
    for (const address of [email, fresh]) {
      expect(
        (
          await test.api.post(
            '/api/users',
            { email: address, name: 'Someone', password: 'set by the admin' },
            { as: test.actors.admin.credential },
          )
        ).status,
      ).toBe(201)
    }
    await runEmailJobs(test.payload)
    const token = verifyPattern.exec(emailsTo(email)[0].html)?.[1]
    const freshToken = verifyPattern.exec(emailsTo(fresh)[0].html)?.[1]
    expect(token).toBeTruthy()
    await test.payload.db.drizzle.execute(
      sql`update users set created_at = created_at - interval '49 hours' where email = ${email}`,
    )
    await test.payload.jobs.queue({ input: {}, queue: 'email', task: expireVerificationLinksTask } as never)
    await runEmailJobs(test.payload)
    expect((await test.api.post(`/api/users/verify/${token}`, {})).status).toBeGreaterThanOrEqual(400)
    expect((await login(email, 'set by the admin')).status).toBeGreaterThanOrEqual(400)
    // A link younger than that still works.
    expect((await test.api.post(`/api/users/verify/${freshToken}`, {})).status).toBe(200)
  })

  it('sends no verification email to invited users or users made by scripts', async () => {
    const before = smtp.messages.length
    await test.payload.create({
      collection: 'users',
      data: { email: 'scripted@example.com', name: 'Scripted', password: 'a script made me' },
      overrideAccess: true,
    })
    expect((await login('scripted@example.com', 'a script made me')).status).toBe(200)
    expect(
      (
        await test.api.post(
          '/api/users/invite',
          { email: 'invited-only@example.com', name: 'Invited' },
          { as: test.actors.admin.credential },
        )
      ).status,
    ).toBe(201)
    await runEmailJobs(test.payload)
    expect(smtp.messages.slice(before).map((message) => [message.recipients, message.subject])).toEqual([
      [['invited-only@example.com'], 'You are invited to Folio Test Site'],
    ])
  })
})

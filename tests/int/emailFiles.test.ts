/**
 * Without SMTP settings, the outbox writes each email as an .eml file under DATA_DIR/mail, so nothing
 * is lost in development.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, expect, it } from 'vitest'

import { useApiTest } from '../helpers/apiTest'
import { emailJobs, runEmailJobs } from '../helpers/emailJobs'

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'askfolio-mail-'))
process.env.DATA_DIR = dataDir
process.env.PUBLIC_URL = 'https://portfolio.test'
delete process.env.SMTP_HOST
afterAll(() => fs.rmSync(dataDir, { force: true, recursive: true }))

const test = useApiTest({ actors: false })

it('writes the email to DATA_DIR/mail as an .eml file with HTML and text parts', async () => {
  const email = 'files@example.com'
  await test.payload.create({
    collection: 'users',
    data: { email, name: 'Files', password: 'a long enough password' },
    overrideAccess: true,
  })
  expect((await test.api.post('/api/users/forgot-password', { email })).status).toBe(200)
  await runEmailJobs(test.payload)
  expect(await emailJobs(test.payload)).toEqual([])

  const files = fs.readdirSync(path.join(dataDir, 'mail'))
  expect(files).toHaveLength(1)
  expect(files[0]).toMatch(/\.eml$/)
  const raw = fs.readFileSync(path.join(dataDir, 'mail', files[0]), 'utf8')
  expect(raw).toMatch(/^To: files@example\.com$/m)
  expect(raw).toMatch(/^Subject: Reset your password for /m)
  expect(raw).toMatch(/Content-Type: text\/plain/)
  expect(raw).toMatch(/Content-Type: text\/html/)
  expect(raw.replace(/=\r?\n/g, '')).toMatch(/https:\/\/portfolio\.test\/admin\/reset\/[0-9a-f]{40}/)
})

it('keeps the outbox private to the app: the folder 0700 (also when it was looser before), every message 0600', async () => {
  const email = 'private-outbox@example.com'
  const folder = path.join(dataDir, 'mail')
  fs.mkdirSync(folder, { recursive: true })
  fs.chmodSync(folder, 0o755)
  await test.payload.create({
    collection: 'users',
    data: { email, name: 'Outbox', password: 'a long enough password' },
    overrideAccess: true,
  })
  expect((await test.api.post('/api/users/forgot-password', { email })).status).toBe(200)
  await runEmailJobs(test.payload)

  expect(fs.statSync(folder).mode & 0o777).toBe(0o700)
  const files = fs.readdirSync(folder)
  expect(files.length).toBeGreaterThan(0)
  for (const file of files)
    expect({ file, mode: fs.statSync(path.join(folder, file)).mode & 0o777 }).toEqual({ file, mode: 0o600 })
})

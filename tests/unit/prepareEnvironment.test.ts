/**
 * DATA_DIR holds the secrets, the embedded database, the outbox and backups: every entry point makes
 * it private to the app's user, a new one and one an earlier version left open alike.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, expect, it } from 'vitest'

import { prepareEnvironment } from '../../src/server/prepareEnvironment'

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'askfolio-env-'))
afterAll(() => fs.rmSync(root, { force: true, recursive: true }))

const modeOf = (file: string) => (fs.statSync(file).mode & 0o777).toString(8)

it('creates DATA_DIR 0700 with its generated secret 0600', () => {
  process.env.DATA_DIR = path.join(root, 'new')
  delete process.env.PAYLOAD_SECRET
  const { dataDir } = prepareEnvironment()
  expect(modeOf(dataDir)).toBe('700')
  expect(modeOf(path.join(dataDir, 'payload-secret'))).toBe('600')
})

it('takes group and other rights off an existing DATA_DIR and everything in it', () => {
  const dataDir = path.join(root, 'old')
  fs.mkdirSync(path.join(dataDir, 'postgres', 'base'), { recursive: true })
  fs.mkdirSync(path.join(dataDir, 'mail'))
  fs.writeFileSync(path.join(dataDir, 'postgres', 'base', '1234'), 'rows')
  fs.writeFileSync(path.join(dataDir, 'mail', 'reset.eml'), 'a reset link')
  fs.writeFileSync(path.join(dataDir, 'postgres.lock.json'), '{}')
  for (const dir of [
    dataDir,
    path.join(dataDir, 'postgres'),
    path.join(dataDir, 'postgres', 'base'),
    path.join(dataDir, 'mail'),
  ])
    fs.chmodSync(dir, 0o777)
  for (const file of ['postgres/base/1234', 'mail/reset.eml', 'postgres.lock.json'])
    fs.chmodSync(path.join(dataDir, file), 0o666)

  process.env.DATA_DIR = dataDir
  process.env.PAYLOAD_SECRET = 'given'
  prepareEnvironment()

  expect(modeOf(dataDir)).toBe('700')
  expect(
    Object.fromEntries(
      (fs.readdirSync(dataDir, { recursive: true }) as string[])
        .sort()
        .map((name) => [name, modeOf(path.join(dataDir, name))]),
    ),
  ).toEqual({
    mail: '700',
    'mail/reset.eml': '600',
    postgres: '700',
    'postgres.lock.json': '600',
    'postgres/base': '700',
    'postgres/base/1234': '600',
  })
})

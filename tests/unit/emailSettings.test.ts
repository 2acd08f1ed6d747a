import { afterEach, describe, expect, it } from 'vitest'

import { buildEditorDigestTask } from '../../src/email/editorDigestTask'
import { digestSettings, parseFromAddress, readEmailSettings } from '../../src/email/emailSettings'
import { htmlToText } from '../../src/email/htmlToText'
import { addressesOf, isEmailAddress } from '../../src/email/validateAddresses'

const saved = { ...process.env }
afterEach(() => {
  for (const key of [
    'EMAIL_DIGEST',
    'EMAIL_DIGEST_CRON',
    'SMTP_HOST',
    'SMTP_PORT',
    'SMTP_SECURE',
    'EMAIL_FROM',
    'DATA_DIR',
  ]) {
    if (saved[key] === undefined) delete process.env[key]
    else process.env[key] = saved[key]
  }
})

describe('email settings', () => {
  it('reads the sender as "Name <address>" or a bare address', () => {
    expect(parseFromAddress('Folio <hi@example.com>', 'x')).toEqual({ address: 'hi@example.com', name: 'Folio' })
    expect(parseFromAddress('"My Site" <hi@example.com>', 'x')).toEqual({ address: 'hi@example.com', name: 'My Site' })
    expect(parseFromAddress('hi@example.com', 'askfolio')).toEqual({ address: 'hi@example.com', name: 'askfolio' })
  })

  it('writes files under DATA_DIR/mail without SMTP_HOST, and uses SMTP with it', () => {
    delete process.env.SMTP_HOST
    process.env.DATA_DIR = '/tmp/somewhere'
    expect(readEmailSettings()).toMatchObject({ fileDir: '/tmp/somewhere/mail', smtp: null })
    process.env.SMTP_HOST = 'mail.example.com'
    process.env.SMTP_SECURE = 'true'
    expect(readEmailSettings().smtp).toEqual({
      host: 'mail.example.com',
      pass: undefined,
      port: 465,
      secure: true,
      user: undefined,
    })
  })

  it('schedules the digest daily unless EMAIL_DIGEST is off', async () => {
    expect(digestSettings()).toEqual({ cron: '0 0 7 * * *', enabled: true })
    process.env.EMAIL_DIGEST_CRON = '0 30 6 * * 1'
    process.env.EMAIL_DIGEST = 'off'
    const task = buildEditorDigestTask()
    expect(task.schedule?.[0].cron).toBe('0 30 6 * * 1')
    const beforeSchedule = task.schedule?.[0].hooks?.beforeSchedule
    expect(await beforeSchedule?.({} as never)).toEqual({ shouldSchedule: false })
  })
})

describe('addresses and text', () => {
  it('tells addresses from other strings', () => {
    for (const good of ['a@example.com', 'first.last+tag@sub.example.org'])
      expect(isEmailAddress(good), good).toBe(true)
    for (const bad of ['', 'a', 'a@b', 'a b@example.com', 'a@@example.com', '<a@example.com>', 42])
      expect(isEmailAddress(bad), String(bad)).toBe(false)
    expect(addressesOf(['A <a@example.com>, b@example.com', { address: 'c@example.com', name: 'C' }])).toEqual([
      'a@example.com',
      'b@example.com',
      'c@example.com',
    ])
  })

  it('renders the plain-text part of an HTML email with its links', () => {
    expect(
      htmlToText(
        '<p>Hello &amp; welcome</p><p><a href="https://x.test/a">Open</a></p><ul><li>one</li><li>two</li></ul>',
      ),
    ).toBe('Hello & welcome\n\nOpen (https://x.test/a)\n\n- one\n- two')
  })
})

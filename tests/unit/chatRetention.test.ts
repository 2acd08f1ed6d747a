/** CHAT_RETENTION_DAYS and the chat plugin's `retention` option: what they accept and what `0` means. */
import type { CollectionConfig, Config, PayloadRequest, TaskConfig } from 'payload'

import { chatPlugin, createExtractiveChatModel, pruneChatSessionsTask } from '@askfolio/payload-chat'
import { createLocalEmbedder, retrievalPlugin } from '@askfolio/payload-retrieval'
import { afterEach, describe, expect, it } from 'vitest'

import { chatRetentionDays } from '../../src/config/env'

afterEach(() => {
  delete process.env.CHAT_RETENTION_DAYS
})

describe('CHAT_RETENTION_DAYS', () => {
  it('defaults to 180 days and takes a whole number of days', () => {
    expect(chatRetentionDays()).toBe(180)
    process.env.CHAT_RETENTION_DAYS = '30'
    expect(chatRetentionDays()).toBe(30)
  })

  it.each(['0', 'off', 'OFF'])('%s keeps conversations forever', (value) => {
    process.env.CHAT_RETENTION_DAYS = value
    expect(chatRetentionDays()).toBe(0)
  })

  it.each(['-1', '1.5', 'abc', 'never', '1e3'])('refuses %s rather than guess', (value) => {
    process.env.CHAT_RETENTION_DAYS = value
    expect(() => chatRetentionDays()).toThrow(/CHAT_RETENTION_DAYS must be a whole number of days, or 0 \/ off/)
  })
})

const posts: CollectionConfig = { slug: 'posts', fields: [{ name: 'title', type: 'text' }] }
const withRetrieval = () =>
  retrievalPlugin({
    collections: { posts: { fields: ['title'], title: (doc) => doc.title, url: (doc) => `/posts/${doc.id}` } },
    embedder: createLocalEmbedder({ dimensions: 8 }),
  })({
    collections: [posts],
    db: { defaultIDType: 'number', init: () => ({}) as never, name: 'postgres' },
    secret: 'x',
  } as Config)

const configWith = (retention: object) =>
  chatPlugin({ access: { read: () => true }, model: createExtractiveChatModel(), retention })(withRetrieval())
const taskOf = (config: Config) => config.jobs!.tasks!.find((task) => task.slug === pruneChatSessionsTask) as TaskConfig

describe('the retention option', () => {
  it('schedules the job daily on its own queue, which it runs every minute', async () => {
    const config = configWith({})
    expect(taskOf(config).schedule).toEqual([{ cron: '0 30 3 * * *', hooks: undefined, queue: 'chat' }])
    const autoRun = config.jobs!.autoRun as { cron: string; queue: string }[]
    expect(autoRun.filter((entry) => entry.queue === 'chat')).toEqual([
      { cron: '0 * * * * *', limit: 1, queue: 'chat' },
    ])
    expect(configWith({ autoRun: false }).jobs!.autoRun).not.toEqual(
      expect.arrayContaining([expect.objectContaining({ queue: 'chat' })]),
    )
  })

  it('with 0 days keeps the job declared but never schedules it, and deletes nothing if run', async () => {
    const task = taskOf(configWith({ days: 0 }))
    const beforeSchedule = task.schedule![0].hooks!.beforeSchedule!
    expect(await beforeSchedule({} as never)).toMatchObject({ shouldSchedule: false })
    // No database is reachable from this request: the handler must not touch one.
    const output = await (task.handler as (args: object) => Promise<unknown>)({ req: {} as PayloadRequest })
    expect(output).toEqual({ output: { messages: 0, sessions: 0 } })
  })

  it.each([-1, 1.5, Number.NaN])('refuses %s days', (days) => {
    expect(() => configWith({ days })).toThrow(/retention.days must be a whole number of days/)
  })
})

import type { Actor } from '../helpers/actors'

/**
 * A chat `read` grant with scope `own` reads nothing: visitors' conversations have no owner among
 * editors. Messages, sessions, their feedback, the insights and the editors' digest stay with `all`.
 */
import { randomUUID } from 'node:crypto'
import { createLocalReq } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { findEditors } from '../../src/email/findEditors'
import { password } from '../helpers/actors'
import { useApiTest } from '../helpers/apiTest'
import { unique } from '../helpers/fixtures'

const test = useApiTest()
const secret = 'MY PRIVATE QUESTION ABOUT SALARIES'
let messageId: number
let sessionId: number
let ownReader: Actor

beforeAll(async () => {
  const session = await test.payload.create({
    collection: 'chat-sessions',
    data: { publicId: randomUUID() } as never,
    overrideAccess: true,
  })
  sessionId = session.id as number
  const message = await test.payload.create({
    collection: 'chat-messages',
    data: {
      answer: 'An answer.',
      comment: 'Rude bot',
      publicId: randomUUID(),
      question: secret,
      rating: 'down',
      session: sessionId,
      unanswered: false,
    } as never,
    overrideAccess: true,
  })
  messageId = message.id as number

  const role = await test.payload.create({
    collection: 'roles',
    data: { name: unique('chat-own'), permissions: [{ actions: ['read'], resource: 'chat', scope: 'own' }] } as never,
    overrideAccess: true,
  })
  const email = `${unique('own-chat').replace(/\W+/g, '-')}@example.com`
  const user = await test.payload.create({
    collection: 'users',
    data: { email, name: 'Own chat', password, roles: [role.id] },
    overrideAccess: true,
  })
  const login = await test.api.post('/api/users/login', { email, password })
  ownReader = { credential: { token: login.body.token }, email, id: user.id, name: 'viewer' }
})

const chatPaths = () => [
  '/api/chat-messages?limit=100',
  `/api/chat-messages/${messageId}`,
  '/api/chat-sessions?limit=100',
  `/api/chat-sessions/${sessionId}`,
  '/api/chat/insights',
  '/api/editor-digests',
]

describe('a chat read grant with scope own', () => {
  it('reads no messages, sessions, feedback or insights, over REST or GraphQL', async () => {
    for (const path of chatPaths()) {
      const res = await test.api.get(path, { as: ownReader.credential })
      expect(res.status, path).toBe(403)
      expect(JSON.stringify(res.body)).not.toContain(secret)
    }
    const gql = await test.api.graphql(
      '{ ChatMessages(limit: 100) { docs { question comment } } }',
      {},
      ownReader.credential,
    )
    expect(gql.body.errors?.[0]?.extensions?.statusCode).toBe(403)
    expect(JSON.stringify(gql.body)).not.toContain(secret)
  })

  it('does not put its holder on the editors’ digest', async () => {
    const recipients = (await findEditors(await createLocalReq({}, test.payload))).map((user) => user.email)
    expect(recipients).not.toContain(ownReader.email)
    expect(recipients).toContain(test.actors.editor.email)
  })

  it('leaves editors (scope all) reading all of it', async () => {
    for (const path of chatPaths()) {
      expect((await test.api.get(path, { as: test.actors.editor.credential })).status, path).toBe(200)
    }
    const messages = await test.api.get('/api/chat-messages?limit=100', { as: test.actors.editor.credential })
    expect(JSON.stringify(messages.body)).toContain(secret)
  })
})

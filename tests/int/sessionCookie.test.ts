/**
 * The session cookie in production: Secure (and HttpOnly), so it never travels over plain http.
 * The Payload config reads NODE_ENV when this file's beforeAll loads it.
 */
import { describe, expect, it } from 'vitest'

import { password } from '../helpers/actors'
import { useApiTest } from '../helpers/apiTest'

Object.assign(process.env, { NODE_ENV: 'production' })

const test = useApiTest()

describe('payload-token in production', () => {
  it('is set Secure and HttpOnly when signing in', async () => {
    const { email } = test.actors.editor
    const login = await test.api.post('/api/users/login', { email, password })
    expect(login.status).toBe(200)
    const cookie = login.headers.getSetCookie().find((value) => value.startsWith('payload-token='))
    expect(cookie).toBeDefined()
    expect(cookie).toMatch(/;\s*Secure/i)
    expect(cookie).toMatch(/;\s*HttpOnly/i)
  })
})

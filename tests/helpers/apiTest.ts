import type { Payload } from 'payload'

import { afterAll, beforeAll } from 'vitest'

import { type Actors, setupActors } from './actors'
import { type ApiServer, startApiServer } from './apiServer'
import { type ApiClient, apiClient } from './client'
import { getTestPayload } from './payload'

export type ApiTest = { actors: Actors; api: ApiClient; payload: Payload; server: ApiServer }

/**
 * The usual setting of an integration test file: Payload on the file's own database, the HTTP
 * server in front of its route handlers, a client, and (unless `actors: false`) the seeded site with
 * one signed-in user per role. The fields are filled in by the time the tests run.
 */
export function useApiTest({ actors = true }: { actors?: boolean } = {}): ApiTest {
  const test = {} as ApiTest
  beforeAll(async () => {
    test.payload = await getTestPayload()
    test.server = await startApiServer()
    test.api = apiClient(test.server.url)
    if (actors) test.actors = await setupActors(test.payload, test.api)
  })
  afterAll(async () => test.server?.close())
  return test
}

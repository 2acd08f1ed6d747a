/**
 * Private data stays out of the index even when the plugin is told to index it: the job reads every
 * document as an anonymous visitor, so fields and relations a visitor may not read never arrive.
 */
import type { Payload } from 'payload'

import { getPayload } from 'payload'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { seed } from '../../src/seed/seed'
import { findBySlug } from '../helpers/fixtures'
import { chunkRows, runIndexingJobs } from '../helpers/indexingJobs'
import { destroyPayload } from '../helpers/payload'

let payload: Payload

beforeAll(async () => {
  const { buildAppConfig } = await import('../../payload.config')
  // A careless configuration: a private field and the owner's email named as text to index.
  const config = buildAppConfig({
    retrieval: {
      collections: {
        projects: {
          fields: [
            'summary',
            'internalNotes',
            { field: 'owner', label: 'Owner', pick: 'email' },
            { field: 'owner', label: 'Owner name', pick: 'name' },
          ],
          title: (doc) => String(doc.title),
          url: (doc) => `/projects/${doc.slug}`,
        },
      },
      globals: {},
    },
  })
  payload = await getPayload({ config, key: 'careless-retrieval' })
  await seed(payload, { adminEmail: 'owner@example.com', adminPassword: 'a long enough password', quiet: true })
  await runIndexingJobs(payload)
})
afterAll(() => destroyPayload(payload))

it('never stores private fields or account data, whatever the options name', async () => {
  const project = await findBySlug(payload, 'projects', 'tidewater')
  expect(project.internalNotes).toContain('SALT MARSH') // the secret is in the database…
  const text = (await chunkRows(payload, { id: project.id, slug: 'projects' })).map((row) => row.text).join('\n')
  expect(text).toContain('A public tide-table API') // …the document was indexed…
  for (const secret of ['SALT MARSH', '12,000 euros', 'owner@example.com', 'Site admin']) {
    expect(text).not.toContain(secret) // …but nothing private came with it.
  }
  expect(JSON.stringify(await chunkRows(payload))).not.toMatch(/BLUE HERON|@example\.com/)
})

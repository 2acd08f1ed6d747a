import type { Actor } from '../helpers/actors'

/**
 * Index states are read per document: a user sees the status rows (and the status endpoint's answer)
 * of the documents they may read in their own collection, never the title or URL of someone else's draft.
 */
import { beforeAll, describe, expect, it } from 'vitest'

import { useApiTest } from '../helpers/apiTest'
import { unique } from '../helpers/fixtures'
import { runIndexingJobs } from '../helpers/indexingJobs'

const test = useApiTest()
beforeAll(async () => runIndexingJobs(test.payload))

/** A project `owner` wrote that was published, indexed, and then taken back to a draft by an editor. */
async function unpublishedProject(owner: Actor): Promise<{ id: number; title: string }> {
  const title = unique('Withdrawn project')
  const id = (await test.api.post('/api/projects', { summary: 'Once public.', title }, { as: owner.credential })).body
    .doc.id
  await test.api.patch(`/api/projects/${id}`, { _status: 'published' }, { as: test.actors.editor.credential })
  await runIndexingJobs(test.payload)
  await test.api.patch(`/api/projects/${id}`, { _status: 'draft' }, { as: test.actors.editor.credential })
  await runIndexingJobs(test.payload)
  return { id, title }
}

const statusTitles = async (actor: Actor): Promise<string[]> => {
  const res = await test.api.get('/api/retrieval-status?limit=1000&depth=0', { as: actor.credential })
  expect(res.status).toBe(200)
  return res.body.docs.map((doc: { title: string }) => doc.title)
}

describe('index-status rows', () => {
  it("show an author their own documents and published ones, never another author's draft", async () => {
    const mine = await unpublishedProject(test.actors.author)
    const theirs = await unpublishedProject(test.actors.otherAuthor)
    const stored = await test.payload.find({
      collection: 'retrieval-status',
      limit: 1000,
      overrideAccess: true,
      where: { title: { equals: theirs.title } },
    })
    expect(stored.docs).toHaveLength(1) // the row exists, so hiding it is the access rule's doing

    const authorSees = await statusTitles(test.actors.author)
    expect(authorSees).toContain(mine.title)
    expect(authorSees).not.toContain(theirs.title)
    expect(authorSees).toContain('Designing idempotent webhooks') // published, by someone else
    const counted = await test.api.get(
      `/api/retrieval-status?where[title][equals]=${encodeURIComponent(theirs.title)}`,
      { as: test.actors.author.credential },
    )
    expect(counted.body.totalDocs).toBe(0)
    const gql = await test.api.graphql(
      '{ RetrievalStatuses(limit: 1000) { docs { title url } } }',
      {},
      test.actors.author.credential,
    )
    expect(gql.body.data.RetrievalStatuses.docs.length).toBeGreaterThan(0)
    expect(JSON.stringify(gql.body)).not.toContain(theirs.title)

    for (const actor of [test.actors.editor, test.actors.admin, test.actors.viewer]) {
      expect(await statusTitles(actor)).toEqual(expect.arrayContaining([mine.title, theirs.title]))
    }
  })

  it('answer the status endpoint only for documents the user may read', async () => {
    const theirs = await unpublishedProject(test.actors.otherAuthor)
    const path = `/api/retrieval/status?collection=projects&id=${theirs.id}`
    expect((await test.api.get(path, { as: test.actors.author.credential })).status).toBe(404)
    expect((await test.api.get(path, { as: test.actors.otherAuthor.credential })).body).toMatchObject({
      state: 'not-indexed',
    })
    expect((await test.api.get(path, { as: test.actors.editor.credential })).body).toMatchObject({
      state: 'not-indexed',
    })
  })
})

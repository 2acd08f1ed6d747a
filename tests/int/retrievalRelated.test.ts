/**
 * Related names in the index. A project's chunks say which skills it is built with ("Built with: …"),
 * a post's which topics it covers, so a change to a skill must re-index what shows it. Skills have
 * neither drafts nor trash; for those, two collections of this file's own (pushed onto its database)
 * stand in: tags with drafts and trash, and notes that show tags and skills through a polymorphic
 * relationship and tags through an array.
 */
import type { CollectionConfig, Payload } from 'payload'

import { searchPublished } from '@askfolio/payload-retrieval'
import { getPayload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { indexDocumentTask } from '../../packages/payload-retrieval/src/jobs/indexDocumentTask'
import { retrievalOptions } from '../../src/config/retrievalOptions'
import { compareIndex } from '../helpers/compareIndex'
import { createTablesFor } from '../helpers/createTablesFor'
import { createMedia } from '../helpers/fixtures'
import { chunkRows, runIndexingJobs, unfinishedJobs } from '../helpers/indexingJobs'
import { destroyPayload } from '../helpers/payload'

const tagsSlug = 'related-tags'
const notesSlug = 'related-notes'

const tags: CollectionConfig = {
  slug: tagsSlug,
  // Visitors read published tags only; the jobs read as visitors.
  access: { read: ({ req }) => (req.user ? true : { _status: { equals: 'published' } }) },
  fields: [{ name: 'name', type: 'text', required: true }],
  trash: true,
  versions: { drafts: true },
}

const notes: CollectionConfig = {
  slug: notesSlug,
  access: { read: () => true },
  fields: [
    { name: 'title', type: 'text', required: true },
    { name: 'about', type: 'relationship', hasMany: true, relationTo: [tagsSlug, 'skills'] as never },
    { name: 'links', type: 'array', fields: [{ name: 'target', type: 'relationship', relationTo: tagsSlug as never }] },
  ],
}

type Row = { target?: { name?: string } | number | null }
const linkNames = (rows: unknown) =>
  ((rows as Row[] | null) ?? [])
    .map((row) => (row.target && typeof row.target === 'object' ? row.target.name : undefined))
    .filter(Boolean)
    .join(', ')

let payload: Payload

beforeAll(async () => {
  const { buildAppConfig } = await import('../../payload.config')
  const app = retrievalOptions()
  const config = await buildAppConfig({
    collections: [tags, notes],
    retrieval: {
      collections: {
        ...app.collections,
        [notesSlug]: {
          fields: [
            'title',
            { field: 'about', label: 'About', pick: 'name' },
            { field: 'links', format: linkNames, label: 'Links' },
          ],
          title: (doc) => String(doc.title),
          url: (doc) => `/notes/${doc.id}`,
        },
      },
      // Three per lookup, so a handful of projects already takes several pages.
      dependentsPageSize: 3,
      globals: {
        profile: {
          ...app.globals!.profile,
          fields: [...app.globals!.profile.fields, { field: 'avatar', label: 'Portrait', pick: 'alt' }],
        },
      },
    },
  })
  payload = await getPayload({ config, key: 'related-indexing' })
  // This file's two collections are in no migration.
  await createTablesFor(payload, 'related_')
})
afterAll(() => destroyPayload(payload))

type Slug = 'blog-posts' | 'projects' | 'skills' | typeof notesSlug | typeof tagsSlug
const create = async (collection: Slug, data: Record<string, unknown>, draft = false) =>
  (await payload.create({
    collection: collection as never,
    data: data as never,
    draft,
    overrideAccess: true,
  })) as unknown as { id: number }
const update = async (collection: Slug, id: number, data: Record<string, unknown>, draft = false) =>
  payload.update({ collection: collection as never, data: data as never, draft, id, overrideAccess: true })

const textOf = async (slug: string, id: number | string) =>
  (await chunkRows(payload, { id, slug })).map((row) => row.text).join('\n')
/** The documents a visitor's search finds for a word, as `slug:id`. */
const found = async (word: string) =>
  (await searchPublished(payload, word, { limit: 50, mode: 'fullText' }))
    .map((hit) => `${hit.collection}:${hit.id}`)
    .sort()
const key = (slug: string, doc: { id: number | string }) => `${slug}:${doc.id}`
/** Indexing jobs waiting for these documents. */
const queuedFor = async (slug: string, ids: (number | string)[]) =>
  (await unfinishedJobs(payload))
    .filter((job) => job.taskSlug === indexDocumentTask)
    .map((job) => job.input as { id: string; slug: string })
    .filter((input) => input.slug === slug && ids.map(String).includes(input.id))

describe('skills shown by projects and posts', () => {
  it('renaming a skill makes every published project and post built with it findable by the new name only', async () => {
    const skill = await create('skills', { category: 'language', name: 'Quokkascript' })
    const projects = []
    for (const title of ['Marsupial tracker', 'Pouch planner', 'Hop counter', 'Burrow map']) {
      projects.push(
        await create('projects', {
          _status: 'published',
          skills: [skill.id],
          summary: `${title}, a small tool.`,
          title,
        }),
      )
    }
    const draft = await create(
      'projects',
      { _status: 'draft', skills: [skill.id], summary: 'Not out yet.', title: 'Secret pouch' },
      true,
    )
    const post = await create('blog-posts', {
      _status: 'published',
      excerpt: 'Notes from the bush.',
      skills: [skill.id],
      title: 'Learning to hop',
    })
    const note = await create(notesSlug, {
      about: [{ relationTo: 'skills', value: skill.id }],
      title: 'A note about a language',
    })
    await runIndexingJobs(payload)
    const dependents = [...projects.map((doc) => key('projects', doc)), key('blog-posts', post), key(notesSlug, note)]
    expect(await found('Quokkascript')).toEqual([...dependents, key('skills', skill)].sort())
    expect(await textOf('blog-posts', post.id)).toContain('Topics: Quokkascript')

    await update('skills', skill.id, { name: 'Wombatlang' })
    // One job per published project (found over two pages), the post and the note; the draft
    // project is queued too, since only the job, reading as a visitor, can tell it is not shown.
    expect(
      await queuedFor(
        'projects',
        [...projects, draft].map((doc) => doc.id),
      ),
    ).toHaveLength(5)
    await runIndexingJobs(payload)

    expect(await found('Quokkascript')).toEqual([])
    expect(await found('Wombatlang')).toEqual([...dependents, key('skills', skill)].sort())
    for (const project of projects) expect(await textOf('projects', project.id)).toContain('Built with: Wombatlang')
    expect(await textOf('blog-posts', post.id)).toContain('Topics: Wombatlang')
    expect(await textOf(notesSlug, note.id)).toContain('About: Wombatlang')
    expect(await chunkRows(payload, { id: draft.id, slug: 'projects' })).toEqual([])
    expect(await compareIndex(payload)).toEqual([])
  })

  it('deleting a skill takes its name out of what showed it', async () => {
    const skill = await create('skills', { category: 'database', name: 'Numbatdb' })
    const other = await create('skills', { category: 'tool', name: 'Echidnactl' })
    const project = await create('projects', {
      _status: 'published',
      skills: [skill.id, other.id],
      summary: 'Termite counts.',
      title: 'Mound survey',
    })
    const note = await create(notesSlug, { about: [{ relationTo: 'skills', value: skill.id }], title: 'Storage notes' })
    await runIndexingJobs(payload)
    expect(await textOf('projects', project.id)).toContain('Built with: Numbatdb, Echidnactl')

    await payload.delete({ collection: 'skills', id: skill.id, overrideAccess: true })
    await runIndexingJobs(payload)
    expect(await textOf('projects', project.id)).toContain('Built with: Echidnactl')
    expect(await textOf('projects', project.id)).not.toContain('Numbatdb')
    expect(await textOf(notesSlug, note.id)).not.toContain('Numbatdb')
    expect(await found('Numbatdb')).toEqual([])
    expect(await compareIndex(payload)).toEqual([])
  })

  it('a project that is only a draft stays out of the index, whatever happens to its skills', async () => {
    const skill = await create('skills', { category: 'tool', name: 'Possumpack' })
    const draft = await create(
      'projects',
      { _status: 'draft', skills: [skill.id], summary: 'Unreleased.', title: 'Night shift' },
      true,
    )
    await runIndexingJobs(payload)
    await update('skills', skill.id, { name: 'Possumpack 2' })
    expect(await queuedFor('projects', [draft.id])).toHaveLength(1)
    await runIndexingJobs(payload)
    expect(await chunkRows(payload, { id: draft.id, slug: 'projects' })).toEqual([])
    expect(await found('Possumpack')).toEqual([key('skills', skill)])
  })

  it('finds every dependent when there are more than one page of them', async () => {
    const skill = await create('skills', { category: 'cloud', name: 'Bandicloud' })
    const projects = []
    for (let i = 1; i <= 7; i++)
      projects.push(await create('projects', { _status: 'published', skills: [skill.id], title: `Cloud job ${i}` }))
    await runIndexingJobs(payload)
    await update('skills', skill.id, { name: 'Bilbycloud' })
    expect(
      (
        await queuedFor(
          'projects',
          projects.map((doc) => doc.id),
        )
      )
        .map((input) => input.id)
        .sort(),
    ).toEqual(projects.map((doc) => String(doc.id)).sort())
    await runIndexingJobs(payload)
    expect(await found('Bilbycloud')).toEqual(
      [...projects.map((doc) => key('projects', doc)), key('skills', skill)].sort(),
    )
    expect(await found('Bandicloud')).toEqual([])
  })

  it('compareIndex names the document that still shows an old name, and the line', async () => {
    const skill = await create('skills', { category: 'framework', name: 'Dunnartjs' })
    const project = await create('projects', { _status: 'published', skills: [skill.id], title: 'Small hunter' })
    await runIndexingJobs(payload)
    expect(await compareIndex(payload)).toEqual([])

    // Renamed behind the hooks' back, as a write that never queued anything would leave it.
    await payload.db.updateOne({ collection: 'skills', data: { name: 'Dunnartkit' }, id: skill.id })
    const differences = await compareIndex(payload)
    expect(differences).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          new RegExp(
            `^projects:${project.id}: .*"Built with: Dunnartjs" where the content now says "Built with: Dunnartkit"$`,
          ),
        ),
      ]),
    )
    expect(differences.map((line) => line.split(':').slice(0, 2).join(':')).sort()).toEqual([
      key('projects', project),
      key('skills', skill),
    ])

    await update('skills', skill.id, { name: 'Dunnartkit' })
    await runIndexingJobs(payload)
    expect(await compareIndex(payload)).toEqual([])
  })
})

describe('tags with drafts and trash', () => {
  it('trashing a tag takes its name out; restoring it brings it back', async () => {
    const tag = await create(tagsSlug, { _status: 'published', name: 'Kookaburra' })
    const note = await create(notesSlug, { about: [{ relationTo: tagsSlug, value: tag.id }], title: 'Birdsong' })
    await runIndexingJobs(payload)
    expect(await textOf(notesSlug, note.id)).toContain('About: Kookaburra')

    await update(tagsSlug, tag.id, { deletedAt: new Date().toISOString() })
    await runIndexingJobs(payload)
    expect(await textOf(notesSlug, note.id)).not.toContain('Kookaburra')
    expect(await compareIndex(payload)).toEqual([])

    await payload.update({
      collection: tagsSlug as never,
      data: { deletedAt: null } as never,
      id: tag.id,
      overrideAccess: true,
      trash: true,
    })
    await runIndexingJobs(payload)
    expect(await textOf(notesSlug, note.id)).toContain('About: Kookaburra')

    await update(tagsSlug, tag.id, { deletedAt: new Date().toISOString() })
    await payload.delete({ collection: tagsSlug as never, id: tag.id, overrideAccess: true, trash: true })
    await runIndexingJobs(payload)
    expect(await textOf(notesSlug, note.id)).not.toContain('Kookaburra')
    expect(await compareIndex(payload)).toEqual([])
  })

  it('a draft-only change queues nothing and changes nothing; publishing and unpublishing do', async () => {
    const tag = await create(tagsSlug, { _status: 'published', name: 'Galah' })
    const note = await create(notesSlug, { links: [{ target: tag.id }], title: 'Pink birds' })
    await runIndexingJobs(payload)
    expect(await textOf(notesSlug, note.id)).toContain('Links: Galah')

    await update(tagsSlug, tag.id, { name: 'Galah (draft wording)' }, true)
    expect(await queuedFor(notesSlug, [note.id])).toEqual([])
    await runIndexingJobs(payload)
    expect(await textOf(notesSlug, note.id)).toContain('Links: Galah')
    expect(await textOf(notesSlug, note.id)).not.toContain('draft wording')

    await update(tagsSlug, tag.id, { _status: 'published', name: 'Galah cockatoo' })
    await runIndexingJobs(payload)
    expect(await textOf(notesSlug, note.id)).toContain('Links: Galah cockatoo')

    // A draft saved over the published tag, then an unpublish: the hook sees a draft both times,
    // and only the main row tells that the second took the tag off the site.
    await update(tagsSlug, tag.id, { name: 'Galah again' }, true)
    await update(tagsSlug, tag.id, { _status: 'draft' })
    expect(await queuedFor(notesSlug, [note.id])).toHaveLength(1)
    await runIndexingJobs(payload)
    expect(await textOf(notesSlug, note.id)).not.toContain('Galah')
    expect(await compareIndex(payload)).toEqual([])
  })
})

describe('a global that shows a related document', () => {
  it('re-indexes the profile when the alt text of its avatar changes', async () => {
    const avatar = await createMedia(payload, 'A platypus by a river')
    await payload.updateGlobal({ slug: 'profile', data: { avatar, name: 'Maya' } as never, overrideAccess: true })
    await runIndexingJobs(payload)
    expect(await textOf('profile', 'profile')).toContain('Portrait: A platypus by a river')

    const other = await createMedia(payload, 'A wombat in the snow')
    await payload.update({ collection: 'media', data: { alt: 'A wombat on a hill' }, id: other, overrideAccess: true })
    expect(await queuedFor('profile', ['profile'])).toEqual([]) // the profile does not show that one

    await payload.update({ collection: 'media', data: { alt: 'A platypus diving' }, id: avatar, overrideAccess: true })
    expect(await queuedFor('profile', ['profile'])).toHaveLength(1)
    await runIndexingJobs(payload)
    expect(await textOf('profile', 'profile')).toContain('Portrait: A platypus diving')
    expect(await compareIndex(payload)).toEqual([])
  })
})

import type { Media } from '../../payload-types'

/**
 * Visitors read only the media that something they can read shows (a published, untrashed project or
 * blog post, rich text included; a skill; the profile) or that an editor marked public: through REST
 * lists and lookups, `where`, GraphQL and the files themselves. Users with a media read grant see all.
 */
import { createLocalReq } from 'payload'
import { describe, expect, it } from 'vitest'

import { findBySlug as findForSite } from '../../src/app/(site)/data/findPublished'
import { backfillMediaVisibility } from '../../src/media/backfillMediaVisibility'
import { useApiTest } from '../helpers/apiTest'
import { createMedia, findBySlug, unique } from '../helpers/fixtures'

const test = useApiTest()

const media = (id: number) =>
  test.payload.findByID({ collection: 'media', depth: 0, id, overrideAccess: true }) as Promise<Media>
const fileUrls = (doc: Media) => [
  doc.url!,
  ...Object.values(doc.sizes ?? {})
    .map((size) => size?.url)
    .filter((url): url is string => Boolean(url)),
]
const fileStatus = async (url: string) => (await fetch(`${test.server.url}${url}`)).status

/** What an anonymous visitor gets for one media document, through every door. */
async function visitorSees(id: number) {
  const doc = await media(id)
  const list = await test.api.get('/api/media?limit=1000&depth=0')
  const byAlt = await test.api.get(`/api/media?where[alt][equals]=${encodeURIComponent(doc.alt)}`)
  const gql = await test.api.graphql(`{ allMedia(limit: 1000) { docs { id alt } } Media(id: ${id}) { alt } }`)
  const files = await Promise.all(fileUrls(doc).map(fileStatus))
  return {
    byAlt: byAlt.body.docs.length,
    byId: (await test.api.get(`/api/media/${id}`)).status,
    files: [...new Set(files)],
    graphql: JSON.stringify(gql.body.data?.allMedia).includes(doc.alt) || gql.body.data?.Media != null,
    list: JSON.stringify(list.body).includes(doc.alt),
  }
}

const hidden = { byAlt: 0, byId: 404, files: [403], graphql: false, list: false }
const shown = { byAlt: 1, byId: 200, files: [200], graphql: true, list: true }

const coverOf = async (collection: 'blog-posts' | 'projects', slug: string) => {
  const doc = (await findBySlug(test.payload, collection, slug)) as {
    coverImage?: number
    heroImage?: number
    id: number
  }
  return { id: doc.id, image: (doc.coverImage ?? doc.heroImage)! }
}

const editor = () => ({ as: test.actors.editor.credential })

/** Rich text holding one paragraph and one embedded upload. */
const richTextWith = (mediaId: number) => ({
  root: {
    children: [
      {
        children: [{ detail: 0, format: 0, mode: 'normal', style: '', text: 'Look:', type: 'text', version: 1 }],
        direction: null,
        format: '',
        indent: 0,
        type: 'paragraph',
        version: 1,
      },
      { fields: null, format: '', id: 'upload-node', relationTo: 'media', type: 'upload', value: mediaId, version: 3 },
    ],
    direction: null,
    format: '',
    indent: 0,
    type: 'root',
    version: 1,
  },
})

describe('media of drafts', () => {
  it('stay private to visitors: lists, by id, where, GraphQL and every file size', async () => {
    const { image } = await coverOf('projects', 'harbourmaster')
    expect((await media(image)).alt).toContain('Harbourmaster')
    expect(await visitorSees(image)).toEqual(hidden)
    const post = await coverOf('blog-posts', 'notes-for-a-talk-i-have-not-announced')
    expect(await visitorSees(post.image)).toEqual(hidden)
    const list = await test.api.get('/api/media?limit=1000&depth=0')
    expect(JSON.stringify(list.body)).not.toContain('Harbourmaster')
  })

  it('stay visible to users with a media read grant, files included', async () => {
    const { image } = await coverOf('projects', 'harbourmaster')
    for (const actor of [test.actors.editor, test.actors.viewer, test.actors.author]) {
      const res = await test.api.get(`/api/media/${image}`, { as: actor.credential })
      expect(res.status, actor.name).toBe(200)
      const file = await fetch(`${test.server.url}${res.body.url}`, {
        headers: { Authorization: `JWT ${(actor.credential as { token: string }).token}` },
      })
      expect(file.status, actor.name).toBe(200)
    }
  })
})

describe('media of published content', () => {
  it('are visible: covers, hero images, skill icons and the profile avatar', async () => {
    expect(await visitorSees((await coverOf('projects', 'tidewater')).image)).toEqual(shown)
    expect(await visitorSees((await coverOf('blog-posts', 'why-i-keep-a-decision-log')).image)).toEqual(shown)
    const profile = await test.payload.findGlobal({ slug: 'profile', depth: 0 })
    expect(await visitorSees(profile.avatar as number)).toEqual(shown)

    const icon = await createMedia(test.payload, unique('skill icon'))
    expect(await visitorSees(icon)).toEqual(hidden)
    await test.api.post('/api/skills', { category: 'tool', icon, name: unique('Skill') }, editor())
    expect(await visitorSees(icon)).toEqual(shown)
  })

  it('follow a draft that replaces the image only once it is published', async () => {
    const project = await coverOf('projects', 'tidewater')
    const replacement = await createMedia(test.payload, unique('new cover'))
    await test.api.patch(`/api/projects/${project.id}?draft=true`, { coverImage: replacement }, editor())
    expect(await visitorSees(project.image)).toEqual(shown)
    expect(await visitorSees(replacement)).toEqual(hidden)

    expect((await test.api.patch(`/api/projects/${project.id}`, { _status: 'published' }, editor())).status).toBe(200)
    expect(await visitorSees(replacement)).toEqual(shown)
    expect(await visitorSees(project.image)).toEqual(hidden)
  })

  it('follow a published version being restored', async () => {
    const first = await createMedia(test.payload, unique('first cover'))
    const second = await createMedia(test.payload, unique('second cover'))
    const doc = (
      await test.api.post(
        '/api/projects',
        { _status: 'published', coverImage: first, title: unique('Restored') },
        editor(),
      )
    ).body.doc
    await test.api.patch(`/api/projects/${doc.id}`, { _status: 'published', coverImage: second }, editor())
    expect(await visitorSees(first)).toEqual(hidden)
    const versions = await test.payload.findVersions({
      collection: 'projects',
      depth: 0,
      overrideAccess: true,
      sort: 'createdAt',
      where: { parent: { equals: doc.id } },
    })
    const withFirst = versions.docs.find(
      (version) => (version.version as { coverImage?: number }).coverImage === first,
    )!
    expect((await test.api.post(`/api/projects/versions/${withFirst.id}`, {}, editor())).status).toBe(200)
    expect(await visitorSees(first)).toEqual(shown)
    expect(await visitorSees(second)).toEqual(hidden)
  })

  it('stay visible while any published document uses them, and go with the last one', async () => {
    const shared = await createMedia(test.payload, unique('shared'))
    const make = (status: string) =>
      test.api.post(
        '/api/projects',
        { _status: status, coverImage: shared, title: unique(`Project ${status}`) },
        editor(),
      )
    const draft = (await make('draft')).body.doc
    expect(await visitorSees(shared)).toEqual(hidden)
    const live = (await make('published')).body.doc
    expect(await visitorSees(shared)).toEqual(shown)

    // A draft of the other document dropping the image changes nothing.
    await test.api.patch(`/api/projects/${draft.id}?draft=true`, { coverImage: null }, editor())
    expect(await visitorSees(shared)).toEqual(shown)

    expect((await test.api.patch(`/api/projects/${live.id}`, { _status: 'draft' }, editor())).status).toBe(200)
    expect(await visitorSees(shared)).toEqual(hidden)
  })

  it('go with trash and delete, and come back on restore', async () => {
    const post = await coverOf('blog-posts', 'why-i-keep-a-decision-log')
    await test.api.patch(`/api/blog-posts/${post.id}`, { deletedAt: new Date().toISOString() }, editor())
    expect(await visitorSees(post.image)).toEqual(hidden)
    await test.api.patch(`/api/blog-posts/${post.id}?trash=true`, { deletedAt: null }, editor())
    expect(await visitorSees(post.image)).toEqual(shown)

    const image = await createMedia(test.payload, unique('doomed'))
    const doc = (
      await test.api.post(
        '/api/projects',
        { _status: 'published', coverImage: image, title: unique('Doomed') },
        editor(),
      )
    ).body.doc
    expect(await visitorSees(image)).toEqual(shown)
    expect((await test.api.delete(`/api/projects/${doc.id}?trash=false`, editor())).status).toBe(200)
    expect(await visitorSees(image)).toEqual(hidden)
  })

  it('include uploads embedded in rich text, of published documents only', async () => {
    const inline = await createMedia(test.payload, unique('inline'))
    const post = (
      await test.api.post('/api/blog-posts', { content: richTextWith(inline), title: unique('Inline draft') }, editor())
    ).body.doc
    expect(await visitorSees(inline)).toEqual(hidden)
    await test.api.patch(`/api/blog-posts/${post.id}`, { _status: 'published' }, editor())
    expect(await visitorSees(inline)).toEqual(shown)
    // The site's own read, as a visitor: the embedded image arrives populated, ready to render.
    const page = await findForSite(test.payload, 'blog-posts', post.slug)
    const node = (page!.content!.root.children as unknown as { type: string; value: unknown }[]).find(
      (child) => child.type === 'upload',
    )
    expect((node!.value as Media).url).toMatch(/^\/api\/media\/file\//)

    const inBio = await createMedia(test.payload, unique('bio image'))
    const profile = await test.payload.findGlobal({ slug: 'profile', depth: 0 })
    await test.api.post('/api/globals/profile', { bio: richTextWith(inBio) }, editor())
    expect(await visitorSees(inBio)).toEqual(shown)
    await test.api.post('/api/globals/profile', { bio: profile.bio }, editor())
    expect(await visitorSees(inBio)).toEqual(hidden)
  })
})

describe('deleted and batched media', () => {
  it('a document whose rich text embeds a deleted image still saves, and the backfill passes over it', async () => {
    const doomed = await createMedia(test.payload, unique('deleted inline'))
    const kept = await createMedia(test.payload, unique('kept inline'))
    const content = richTextWith(doomed)
    content.root.children.push({ ...content.root.children[1], id: 'second-upload', value: kept } as never)
    const post = (
      await test.api.post('/api/blog-posts', { _status: 'published', content, title: unique('Dangling') }, editor())
    ).body.doc
    expect((await test.api.delete(`/api/media/${doomed}`, editor())).status).toBe(200)

    // Payload leaves the upload node in the rich text; the next save must not trip over it.
    const saved = await test.api.patch(
      `/api/blog-posts/${post.id}`,
      { excerpt: 'Edited after the image went' },
      editor(),
    )
    expect(saved.status).toBe(200)
    expect(
      (await test.api.patch(`/api/blog-posts/${post.id}?draft=true`, { excerpt: 'A draft too' }, editor())).status,
    ).toBe(200)
    const refs = async () =>
      (
        await test.payload.findByID({
          collection: 'blog-posts',
          id: post.id,
          overrideAccess: true,
          select: { mediaRefs: true },
        })
      ).mediaRefs
    expect(await refs()).toEqual([kept])

    await backfillMediaVisibility(await createLocalReq({}, test.payload))
    expect(await refs()).toEqual([kept])
    expect(await visitorSees(kept)).toEqual(shown)
  })

  it('follow a document created and published after a draft save in the same GraphQL request', async () => {
    const image = await createMedia(test.payload, unique('batched cover'))
    const ledgerline = await findBySlug(test.payload, 'projects', 'ledgerline')
    const title = unique('Batched')
    const { body } = await test.api.graphql(
      `mutation { a: updateProject(id: ${ledgerline.id}, draft: true, data: { summary: "A draft summary" }) { id } b: createProject(data: { title: "${title}", summary: "Made in a batch", _status: published, coverImage: ${image} }) { id } }`,
      {},
      test.actors.editor.credential,
    )
    expect(body.errors).toBeUndefined()
    expect(await visitorSees(image)).toEqual(shown)
  })
})

describe('other media', () => {
  it('a user avatar is never public because of its user', async () => {
    const avatar = await createMedia(test.payload, unique('avatar of a user'))
    await test.payload.update({
      collection: 'users',
      data: { avatar },
      id: test.actors.author.id!,
      overrideAccess: true,
    })
    expect(await visitorSees(avatar)).toEqual(hidden)
  })

  it('are visible when an editor marks them public; authors cannot', async () => {
    const upload = await createMedia(test.payload, unique('cv'))
    expect(await visitorSees(upload)).toEqual(hidden)
    const byAuthor = await test.api.patch(
      `/api/media/${upload}`,
      { public: true },
      { as: test.actors.author.credential },
    )
    expect(byAuthor.status).toBe(403)
    expect((await test.api.patch(`/api/media/${upload}`, { public: true }, editor())).status).toBe(200)
    expect(await visitorSees(upload)).toEqual(shown)
  })

  it('cannot be shown by setting the flag through the API', async () => {
    const upload = await createMedia(test.payload, unique('sneaky'))
    await test.api.patch(`/api/media/${upload}`, { usedByPublished: true }, editor())
    expect(await visitorSees(upload)).toEqual(hidden)
  })
})

describe("the migration's backfill", () => {
  it('works out the flags and refs of content saved before them', async () => {
    const live = await coverOf('projects', 'ledgerline')
    const draft = await coverOf('projects', 'harbourmaster')
    const inline = await createMedia(test.payload, unique('old inline'))
    const post = (
      await test.api.post(
        '/api/blog-posts',
        { _status: 'published', content: richTextWith(inline), title: unique('Old post') },
        editor(),
      )
    ).body.doc
    // As the rows were before the migration: no refs, every flag false.
    for (const collection of ['projects', 'blog-posts', 'skills'] as const) {
      await test.payload.db.updateMany({ collection, data: { mediaRefs: [] }, where: { id: { exists: true } } })
    }
    await test.payload.db.updateMany({
      collection: 'media',
      data: { usedByPublished: false },
      where: { id: { exists: true } },
    })
    expect(await visitorSees(live.image)).toEqual(hidden)

    await backfillMediaVisibility(await createLocalReq({}, test.payload))
    expect(await visitorSees(live.image)).toEqual(shown)
    expect(await visitorSees(inline)).toEqual(shown)
    expect(await visitorSees(draft.image)).toEqual(hidden)
    const refs = await test.payload.findByID({
      collection: 'blog-posts',
      id: post.id,
      overrideAccess: true,
      select: { mediaRefs: true },
    })
    expect(refs.mediaRefs).toEqual([inline])
  })
})

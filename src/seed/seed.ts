import type { Payload, Where } from 'payload'

import { progressBar } from '../cli/progressBar'
import { blogPosts } from './content/blogPosts'
import { documents } from './content/documents'
import { profile } from './content/profile'
import { projects } from './content/projects'
import { roles } from './content/roles'
import { skills } from './content/skills'
import { generateCoverImage } from './generateImage'
import { generatePdf } from './generatePdf'
import { markdownToRichText } from './markdownToRichText'

export type SeedOptions = {
  adminEmail: string
  adminPassword: string
  quiet?: boolean
}

type Slug = 'blog-posts' | 'documents' | 'media' | 'projects' | 'roles' | 'skills' | 'users'

/**
 * Loads the demo site: roles, an admin, skills, cover images, the profile, projects and blog posts
 * (one draft of each), and two published PDF documents (a CV and a case study) made at seed time. Idempotent: anything already there (matched by name, email, slug or alt text)
 * is left as it is, so running it twice changes nothing.
 */
export async function seed(payload: Payload, options: SeedOptions): Promise<{ created: number }> {
  const total = roles.length + 1 + skills.length + projects.length * 2 + blogPosts.length * 2 + documents.length + 1
  const progress = options.quiet ? { finish() {}, tick() {} } : progressBar('seed', total)
  let created = 0

  const findOne = async (collection: Slug, where: Where) =>
    (
      await payload.find({
        collection,
        depth: 0,
        limit: 1,
        overrideAccess: true,
        trash: collection === 'projects' || collection === 'blog-posts' || collection === 'documents',
        where,
      })
    ).docs[0] as { id: number } | undefined

  async function ensure(collection: Slug, where: Where, create: () => Promise<{ id: number }>, label: string) {
    const existing = await findOne(collection, where)
    const doc = existing ?? (await create())
    if (!existing) created++
    progress.tick(`${collection}: ${label}${existing ? ' (exists)' : ''}`)
    return doc.id
  }

  const richText = await markdownToRichText(payload.config)

  const roleIds: Record<string, number> = {}
  for (const role of roles) {
    roleIds[role.name] = await ensure(
      'roles',
      { name: { equals: role.name } },
      () => payload.create({ collection: 'roles', data: role, overrideAccess: true }),
      role.name,
    )
  }

  const adminId = await ensure(
    'users',
    { email: { equals: options.adminEmail.toLowerCase() } },
    () =>
      payload.create({
        collection: 'users',
        data: {
          active: true,
          email: options.adminEmail,
          name: 'Site admin',
          password: options.adminPassword,
          roles: [roleIds.admin],
        },
        overrideAccess: true,
      }),
    options.adminEmail,
  )

  const skillIds: Record<string, number> = {}
  for (const skill of skills) {
    skillIds[skill.name] = await ensure(
      'skills',
      { name: { equals: skill.name } },
      () => payload.create({ collection: 'skills', data: skill, overrideAccess: true }),
      skill.name,
    )
  }

  const imageFor = async (title: string, kind: 'avatar' | 'cover' = 'cover') => {
    const alt = kind === 'cover' ? `Cover image for ${title}` : `Portrait of ${title} (a placeholder)`
    const existing = await findOne('media', { alt: { equals: alt } })
    if (existing) return existing.id
    const data = await generateCoverImage(title, { label: kind === 'cover' })
    const name = `${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.png`
    const doc = await payload.create({
      collection: 'media',
      data: { alt },
      file: { data, mimetype: 'image/png', name, size: data.length },
      overrideAccess: true,
    })
    created++
    return doc.id
  }

  const coverFor = (title: string) => {
    progress.tick(`media: ${title}`)
    return imageFor(title)
  }

  const skillRefs = (names: string[]) => names.map((name) => skillIds[name]).filter(Boolean)

  const ensurePublishable = (collection: 'blog-posts' | 'projects', title: string, published: boolean, data: object) =>
    ensure(
      collection,
      { title: { equals: title } },
      () =>
        payload.create({
          collection,
          data: { ...data, _status: published ? 'published' : 'draft', title } as never,
          draft: !published,
          overrideAccess: true,
        }),
      title,
    )

  for (const { description, published, skills: names, ...fields } of projects) {
    const coverImage = await coverFor(fields.title)
    await ensurePublishable('projects', fields.title, published, {
      ...fields,
      coverImage,
      description: richText(description),
      owner: adminId,
      skills: skillRefs(names),
    })
  }

  for (const { content, daysAgo, published, skills: names, ...fields } of blogPosts) {
    const heroImage = await coverFor(fields.title)
    await ensurePublishable('blog-posts', fields.title, published, {
      ...fields,
      author: adminId,
      content: richText(content),
      heroImage,
      publishedAt: published ? new Date(Date.now() - daysAgo * 86_400_000).toISOString() : undefined,
      skills: skillRefs(names),
    })
  }

  const documentIds: Record<string, number> = {}
  for (const { filename, pages, projects: titles, skills: names, ...fields } of documents) {
    documentIds[fields.title] = await ensure(
      'documents',
      { title: { equals: fields.title } },
      async () => {
        const data = await generatePdf(pages, { title: fields.title })
        const projectIds = await Promise.all(titles.map((title) => findOne('projects', { title: { equals: title } })))
        return payload.create({
          collection: 'documents',
          data: {
            ...fields,
            _status: 'published',
            owner: adminId,
            projects: projectIds.flatMap((project) => (project ? [project.id] : [])),
            skills: skillRefs(names),
          },
          file: { data, mimetype: 'application/pdf', name: filename, size: data.length },
          overrideAccess: true,
        })
      },
      fields.title,
    )
  }

  const current = await payload.findGlobal({ slug: 'profile', depth: 0, overrideAccess: true })
  if (!current.name) {
    await payload.updateGlobal({
      slug: 'profile',
      data: {
        ...profile,
        avatar: await imageFor(profile.name, 'avatar'),
        bio: richText(profile.bio),
        cv: documentIds.CV,
      },
      overrideAccess: true,
    })
    created++
  }
  progress.tick('profile')
  progress.finish(`${created} created`)
  return { created }
}

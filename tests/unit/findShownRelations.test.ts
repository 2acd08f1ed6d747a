/** Who shows whom: which indexed sources show documents of which collections, read from a config. */
import type { Block, CollectionConfig, Config, GlobalConfig } from 'payload'

import type { Source } from '../../packages/payload-retrieval/src/context'

import { createLocalEmbedder, type FieldSource, retrievalPlugin } from '@askfolio/payload-retrieval'
import { describe, expect, it } from 'vitest'

import { findShownRelations } from '../../packages/payload-retrieval/src/related/findShownRelations'

const named = (slug: string): CollectionConfig => ({ slug, fields: [{ name: 'name', type: 'text' }] })
// Typed loosely: the app's generated types know only its own collection slugs.
const callout = {
  slug: 'callout',
  fields: [{ name: 'person', type: 'relationship', relationTo: 'people' }],
} as unknown as Block

const projects = {
  slug: 'projects',
  fields: [
    { name: 'title', type: 'text' },
    { name: 'skills', type: 'relationship', hasMany: true, relationTo: 'skills' },
    { type: 'row', fields: [{ name: 'cover', type: 'upload', relationTo: 'media' }] },
    { name: 'owner', type: 'relationship', relationTo: 'people' }, // not in `fields`: never shown
    { name: 'lead', type: 'relationship', relationTo: 'people' }, // a plain string source
    { name: 'links', type: 'array', fields: [{ name: 'target', type: 'relationship', relationTo: 'sites' }] },
    { name: 'credits', type: 'array', fields: [{ name: 'person', type: 'relationship', relationTo: 'people' }] },
    { name: 'layout', type: 'blocks', blockReferences: ['callout'], blocks: [] },
  ],
} as unknown as CollectionConfig
const notes = {
  slug: 'notes',
  fields: [
    {
      type: 'tabs',
      tabs: [
        {
          label: 'Main',
          fields: [{ name: 'about', type: 'relationship', hasMany: true, relationTo: ['skills', 'tags'] }],
        },
      ],
    },
  ],
} as unknown as CollectionConfig
const profile: GlobalConfig = {
  slug: 'profile',
  fields: [
    {
      type: 'tabs',
      tabs: [{ name: 'home', fields: [{ name: 'featured', type: 'relationship', relationTo: 'skills' }] }],
    },
  ],
}
const config = {
  blocks: [callout],
  collections: [projects, notes, named('skills'), named('tags'), named('people'), named('sites'), named('media')],
  globals: [profile],
} as unknown as Config

const source = (
  slug: string,
  fields: FieldSource[],
  kind: Source['kind'] = 'collection',
): Pick<Source, 'fields' | 'kind' | 'slug'> => ({ fields, kind, slug })

const shown = findShownRelations(config, [
  source('projects', [
    'title',
    { field: 'skills', label: 'Built with', pick: 'name' },
    { field: 'skills', label: 'Again', pick: 'slug' },
    { field: 'cover', pick: 'alt' },
    'lead',
    { field: 'links', format: () => '' },
    'credits',
    { field: 'layout', format: () => '' },
  ]),
  source('notes', [{ field: 'about', label: 'About', pick: 'name' }]),
  source('profile', [{ field: 'home', format: () => '' }], 'global'),
])

describe('findShownRelations', () => {
  it('finds pick fields, hasMany and polymorphic ones, inside rows and tabs, each once', () => {
    expect(shown.get('skills')).toEqual([
      { field: 'skills', kind: 'collection', polymorphic: false, slug: 'projects' },
      { field: 'about', kind: 'collection', polymorphic: true, slug: 'notes' },
      { field: 'home.featured', kind: 'global', polymorphic: false, slug: 'profile' },
    ])
    expect(shown.get('tags')).toEqual([{ field: 'about', kind: 'collection', polymorphic: true, slug: 'notes' }])
    expect(shown.get('media')).toEqual([{ field: 'cover', kind: 'collection', polymorphic: false, slug: 'projects' }])
  })

  it('follows relations nested in a formatted field, not in a plain one; counts a relation named as a plain string', () => {
    expect(shown.get('sites')).toEqual([
      { field: 'links.target', kind: 'collection', polymorphic: false, slug: 'projects' },
    ])
    // `owner` is not indexed and `credits` is an array given as a plain string (rendered as nothing);
    // `lead` is, and `layout`'s referenced block is formatted.
    expect(shown.get('people')).toEqual([
      { field: 'lead', kind: 'collection', polymorphic: false, slug: 'projects' },
      { field: 'layout.person', kind: 'collection', polymorphic: false, slug: 'projects' },
    ])
  })

  it('names no collection that no indexed field shows', () => {
    expect([...shown.keys()].sort()).toEqual(['media', 'people', 'sites', 'skills', 'tags'])
  })
})

describe('retrievalPlugin and related collections', () => {
  const base = (): Config =>
    ({
      collections: [projects, named('skills'), named('media'), named('people'), named('sites'), named('tags')],
      blocks: [callout],
      db: { defaultIDType: 'number', init: () => ({}) as never, name: 'postgres' },
      secret: 'x',
    }) as unknown as Config
  const plugin = (disabled = false) =>
    retrievalPlugin({
      collections: { projects: { fields: [{ field: 'skills', pick: 'name' }], title: () => '', url: () => '' } },
      disabled,
      embedder: createLocalEmbedder({ dimensions: 8 }),
    })(base())
  const hooksOf = (config: Config, slug: string) =>
    config.collections!.find((collection) => collection.slug === slug)!.hooks ?? {}

  it('hooks the collections that indexed documents show, indexed or not, and no others', () => {
    const config = plugin()
    expect(hooksOf(config, 'skills').beforeDelete).toHaveLength(1)
    expect(hooksOf(config, 'skills').afterChange).toHaveLength(1)
    expect(hooksOf(config, 'skills').afterDelete).toHaveLength(1)
    expect(hooksOf(config, 'media').afterChange ?? []).toHaveLength(0)
    expect(hooksOf(config, 'projects').beforeDelete ?? []).toHaveLength(0)
    expect(hooksOf(config, 'projects').afterChange).toHaveLength(1) // its own indexing only
  })

  it('adds none when disabled', () => {
    expect(hooksOf(plugin(true), 'skills').afterChange ?? []).toHaveLength(0)
  })
})

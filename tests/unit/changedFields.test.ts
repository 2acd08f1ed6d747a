import { describe, expect, it } from 'vitest'

import { changedFields } from '../../src/hooks/audit/changedFields'

describe('changedFields', () => {
  it('lists the fields present on create, without bookkeeping fields', () => {
    expect(changedFields(null, { createdAt: 'x', id: 1, summary: null, title: 'T', updatedAt: 'y' })).toEqual(['title'])
  })

  it('compares populated relationships by id, but array rows by content', () => {
    const before = { coverImage: 4, links: [{ id: 'a', url: 'https://a.example' }] }
    const same = {
      coverImage: { id: 4, updatedAt: 'now', url: '/x.png' },
      links: [{ id: 'a', url: 'https://a.example' }],
    }
    expect(changedFields(before, same)).toEqual([])
    const edited = { ...same, links: [{ id: 'a', url: 'https://b.example' }] }
    expect(changedFields(before, edited)).toEqual(['links'])
  })

  it('reports password changes by name only', () => {
    expect(changedFields({ hash: 'h1', salt: 's1' }, { hash: 'h2', salt: 's2' })).toEqual(['password'])
    expect(changedFields({ name: 'A' }, { name: 'A' }, { password: 'secret' })).toEqual(['password'])
  })
})

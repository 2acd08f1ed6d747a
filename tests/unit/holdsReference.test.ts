/** Whether a global, read at depth 0, refers to a related document at a field's data path. */
import { describe, expect, it } from 'vitest'

import { holdsReference } from '../../packages/payload-retrieval/src/related/holdsReference'

const skill = { id: 7, slug: 'skills' }

describe('holdsReference', () => {
  it('finds an id in a single or hasMany relation, as a number, a string or a populated document', () => {
    expect(holdsReference({ featured: 7 }, 'featured', skill, false)).toBe(true)
    expect(holdsReference({ featured: [3, '7'] }, 'featured', skill, false)).toBe(true)
    expect(holdsReference({ featured: { id: 7, name: 'Go' } }, 'featured', skill, false)).toBe(true)
    expect(holdsReference({ featured: [3, 8] }, 'featured', skill, false)).toBe(false)
    expect(holdsReference({ featured: null }, 'featured', skill, false)).toBe(false)
    expect(holdsReference({}, 'featured', skill, false)).toBe(false)
  })

  it('reaches through groups, array rows and blocks', () => {
    const doc = { home: { rows: [{ skill: 2 }, { skill: 7 }] }, layout: [{ blockType: 'callout', person: 9 }] }
    expect(holdsReference(doc, 'home.rows.skill', skill, false)).toBe(true)
    expect(holdsReference(doc, 'layout.person', { id: 9, slug: 'people' }, false)).toBe(true)
    expect(holdsReference(doc, 'layout.person', skill, false)).toBe(false)
  })

  it('matches a polymorphic value only in the right collection', () => {
    const doc = {
      about: [
        { relationTo: 'tags', value: 7 },
        { relationTo: 'skills', value: 4 },
      ],
    }
    expect(holdsReference(doc, 'about', skill, true)).toBe(false)
    expect(holdsReference(doc, 'about', { id: 7, slug: 'tags' }, true)).toBe(true)
    expect(holdsReference({ about: { relationTo: 'skills', value: { id: 7 } } }, 'about', skill, true)).toBe(true)
  })
})

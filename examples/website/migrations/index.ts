import * as migration_20261203_085749_initial from './20261203_085749_initial'
import * as migration_20261203_090000_search from './20261203_090000_search'
import * as migration_20261203_092039_mcp from './20261203_092039_mcp'
import * as migration_20261204_010000_search_pages from './20261204_010000_search_pages'
import * as migration_20261204_192706_answer_checks from './20261204_192706_answer_checks'
import * as migration_20261204_194420_suggestions_engagement from './20261204_194420_suggestions_engagement'

export const migrations = [
  {
    up: migration_20261203_085749_initial.up,
    down: migration_20261203_085749_initial.down,
    name: '20261203_085749_initial',
  },
  {
    up: migration_20261203_090000_search.up,
    down: migration_20261203_090000_search.down,
    name: '20261203_090000_search',
  },
  {
    up: migration_20261203_092039_mcp.up,
    down: migration_20261203_092039_mcp.down,
    name: '20261203_092039_mcp',
  },
  {
    up: migration_20261204_010000_search_pages.up,
    down: migration_20261204_010000_search_pages.down,
    name: '20261204_010000_search_pages',
  },
  {
    up: migration_20261204_192706_answer_checks.up,
    down: migration_20261204_192706_answer_checks.down,
    name: '20261204_192706_answer_checks',
  },
  {
    up: migration_20261204_194420_suggestions_engagement.up,
    down: migration_20261204_194420_suggestions_engagement.down,
    name: '20261204_194420_suggestions_engagement',
  },
]

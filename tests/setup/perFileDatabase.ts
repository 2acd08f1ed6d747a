import { inject } from 'vitest'

import { startTestDatabase } from '../helpers/testDatabase'
import { useFileEnvironment } from './fileEnvironment'

/**
 * Runs before every integration test file: a private copy of the migrated template database, its own
 * media folder, and the environment the Payload config reads when the test file imports it.
 */
const db = await startTestDatabase(inject('templateDir'), inject('testRoot'))
useFileEnvironment({ embedded: true, mediaDir: db.mediaDir, release: db.stop, url: db.url })

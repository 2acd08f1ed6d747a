/** `npm run seed`: loads the demo content into the configured (or embedded) database. */
import { BasePayload } from 'payload'

import { prepareEnvironment } from '../server/prepareEnvironment'
import { adminCredentials } from './adminCredentials'
import { seed } from './seed'

prepareEnvironment()
const { default: config } = await import('../../payload.config')
const payload = await new BasePayload().init({ config })
try {
  await seed(payload, adminCredentials())
} finally {
  await payload.destroy()
}
process.exit(0)

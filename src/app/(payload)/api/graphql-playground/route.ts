import { GRAPHQL_PLAYGROUND_GET } from '@payloadcms/next/routes'
import '@payloadcms/next/css'

/* THIS FILE WAS GENERATED AUTOMATICALLY BY PAYLOAD. */
/* DO NOT MODIFY IT BECAUSE IT COULD BE REWRITTEN AT ANY TIME. */
import config from '@payload-config'

export const GET = GRAPHQL_PLAYGROUND_GET(config)

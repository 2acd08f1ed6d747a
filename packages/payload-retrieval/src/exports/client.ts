'use client'
// The admin components, as a host's Payload import map names them: '@askfolio/payload-retrieval/client#IndexStatusField'.
export { IndexStatusField } from '../admin/IndexStatusField'
export { ReindexPanel } from '../admin/ReindexPanel'

import type { PayloadRequest } from 'payload'

import { Link } from '@payloadcms/ui'
import { formatAdminURL } from 'payload/shared'
import React from 'react'

import { checksStore } from '../checks/checksStore'
import { WriteAnswerButton } from './WriteAnswerButton'

/**
 * The insights' cell beside an unanswered question: "Write an answer", or, once a check asks that
 * question, a link to the document expected to answer it, so a second click does not start a second
 * draft. Checks are read with the editor's own access.
 */
export async function WriteAnswerCell({ question, req }: { question: string; req: PayloadRequest }) {
  const { docs } = await checksStore.find(req.payload, {
    depth: 0,
    limit: 1,
    overrideAccess: false,
    req,
    sort: '-createdAt',
    where: { question: { equals: question } },
  })
  const check = docs[0]
  if (!check) return <WriteAnswerButton questions={[question]} />
  const global = req.payload.config.globals.some((entry) => entry.slug === check.expectedCollection)
  const href = formatAdminURL({
    adminRoute: req.payload.config.routes.admin,
    path: global
      ? `/globals/${check.expectedCollection}`
      : `/collections/${check.expectedCollection}/${check.expectedId}`,
  })
  return (
    <span data-testid="answer-written">
      <Link href={href} prefetch={false}>
        {check.lastResult === 'pass' ? 'Answered' : 'Answer started'}
      </Link>
    </span>
  )
}

import type { PayloadRequest } from 'payload'

import { collectionStore } from '@askfolio/payload-retrieval'
import { Link } from '@payloadcms/ui'
import { formatAdminURL } from 'payload/shared'
import React, { type CSSProperties } from 'react'

import { checksSlug } from '../checks/checksCollection'
import { type AnswerCheckDoc, checksStore } from '../checks/checksStore'

const muted = 'var(--theme-elevation-500)'
const cell: CSSProperties = {
  borderBottom: '1px solid var(--theme-elevation-150)',
  padding: 'calc(var(--base) / 2.5) calc(var(--base) / 2)',
  textAlign: 'left',
  verticalAlign: 'top',
}
const headCell: CSSProperties = { ...cell, color: muted, fontWeight: 500, whiteSpace: 'nowrap' }
const shown = 20

type Props = { formatDate: (value: string) => string; req: PayloadRequest }

/**
 * The insights' list of failing answer checks, each with why it fails and what broke it: the
 * document whose publish (or unpublish) came just before it first failed, when, and who saved it.
 * Names are read with the editor's own access, so a document or user they may not open shows by id.
 */
export async function FailingChecks({ formatDate, req }: Props) {
  const { payload } = req
  const adminRoute = payload.config.routes.admin
  const { docs, totalDocs } = await checksStore.find(payload, {
    depth: 0,
    limit: shown,
    overrideAccess: false,
    req,
    sort: '-lastRunAt',
    where: { lastResult: { equals: 'fail' } },
  })
  const adminUrl = (path: `/${string}`) => formatAdminURL({ adminRoute, path })
  return (
    <section data-testid="insights-failing-checks" style={{ marginBottom: 'calc(var(--base) * 2.5)' }}>
      <h2 style={{ margin: '0 0 calc(var(--base) / 2)' }}>Failing answer checks</h2>
      <p style={{ color: muted, margin: '0 0 calc(var(--base) / 2)' }}>
        Questions the chat should answer from a given page and no longer does.{' '}
        <Link href={adminUrl(`/collections/${checksSlug}`)} prefetch={false}>
          All checks
        </Link>
      </p>
      {docs.length === 0 ? (
        <p style={{ color: muted, margin: 0 }}>Every answer check passed its last run.</p>
      ) : (
        <div style={{ overflowX: 'auto' }}>
          <table style={{ borderCollapse: 'collapse', width: '100%' }}>
            <thead>
              <tr>
                {['Question', 'Why it fails', 'Broken by', 'Last run'].map((title) => (
                  <th key={title} style={headCell}>
                    {title}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {await Promise.all(
                docs.map(async (check) => (
                  <tr data-check={check.id} key={check.id}>
                    <td style={cell}>
                      <Link href={adminUrl(`/collections/${checksSlug}/${check.id}`)} prefetch={false}>
                        {check.question}
                      </Link>
                    </td>
                    <td style={{ ...cell, fontSize: '0.92em' }}>{check.lastReason}</td>
                    <td data-testid="broken-by" style={cell}>
                      <BrokenBy adminUrl={adminUrl} check={check} formatDate={formatDate} req={req} />
                    </td>
                    <td style={{ ...cell, whiteSpace: 'nowrap' }}>
                      {check.lastRunAt ? formatDate(check.lastRunAt) : '—'}
                    </td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
          {totalDocs > docs.length && (
            <p style={{ color: muted }}>
              {totalDocs - docs.length} more in{' '}
              <Link href={adminUrl(`/collections/${checksSlug}?where[lastResult][equals]=fail`)} prefetch={false}>
                the list of checks
              </Link>
              .
            </p>
          )}
        </div>
      )}
    </section>
  )
}

async function BrokenBy({
  adminUrl,
  check,
  formatDate,
  req,
}: Props & { adminUrl: (path: `/${string}`) => string; check: AnswerCheckDoc }) {
  const broken = check.brokenBy
  if (!broken?.at) return <span style={{ color: muted }}>It has not passed yet</span>
  if (!broken.collection || !broken.documentId)
    return <span style={{ color: muted }}>Unknown: found failing on {formatDate(broken.at)}</span>
  const global = req.payload.config.globals.find((entry) => entry.slug === broken.collection)
  const href = adminUrl(global ? `/globals/${global.slug}` : `/collections/${broken.collection}/${broken.documentId}`)
  const title = global ? String(global.label ?? global.slug) : await titleOf(req, broken.collection, broken.documentId)
  const user = req.payload.config.admin.user
  const editor = broken.userId ? ((await titleOf(req, user, broken.userId)) ?? `user ${broken.userId}`) : null
  return (
    <>
      <Link href={href} prefetch={false}>
        {title ?? `${broken.collection} ${broken.documentId}`}
      </Link>
      <div style={{ color: muted, fontSize: '0.85em' }}>
        saved {formatDate(broken.at)}
        {editor && <> by {editor}</>}
      </div>
    </>
  )
}

/** A document's title as the signed-in editor may read it (the collection's `useAsTitle`), or null. */
async function titleOf(req: PayloadRequest, slug: string, id: string): Promise<null | string> {
  const collection = req.payload.config.collections.find((entry) => entry.slug === slug)
  if (!collection) return null
  try {
    const doc = await collectionStore(slug).findByID(req.payload, id, {
      depth: 0,
      disableErrors: true,
      draft: true,
      overrideAccess: false,
      req,
    })
    const title = doc?.[collection.admin.useAsTitle ?? 'id']
    return typeof title === 'string' || typeof title === 'number' ? String(title) : null
  } catch {
    return null
  }
}

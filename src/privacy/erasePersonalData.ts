import { purgeChatSessions } from '@askfolio/payload-chat'
import { sql } from '@payloadcms/db-postgres/drizzle'
import { commitTransaction, initTransaction, killTransaction, type PayloadRequest } from 'payload'

import { writeAuditEntry } from '../hooks/audit/writeAuditEntry'
import { findEmailJobsTo } from './findEmailJobsTo'
import { ownedContent, ownerColumns } from './ownedContent'
import { runSql } from './runSql'

export type EraseRequest = {
  /** Must equal the user's email address (any case): a check that the right account is named. */
  confirm: unknown
  /** Who takes over their content. Default: the acting user. */
  reassignTo?: unknown
  userId: number | string
}

export type EraseSummary = {
  auditEntriesAnonymised: number
  chat: { messages: number; sessions: number }
  /** Emails to them that a worker was sending at that moment: they cannot be recalled. */
  emailsBeingSent: number
  emailsDropped: number
  reassigned: Record<string, { documents: number; versions: number }>
  reassignedTo: number | string
}

/** Refused before anything changed: the status and message to answer with. */
export class EraseRefused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

type UserRow = { email: string; id: number | string; roles?: ({ name?: string } | number | string)[] }

const adminRole = 'admin'
const roleNames = (user: UserRow) =>
  (user.roles ?? []).map((role) => (typeof role === 'object' ? role.name : undefined))

async function findUser(req: PayloadRequest, id: unknown): Promise<null | UserRow> {
  if (typeof id !== 'number' && typeof id !== 'string') return null
  const { docs } = await req.payload.find({
    collection: 'users',
    depth: 1,
    limit: 1,
    overrideAccess: true,
    req,
    where: { id: { equals: id } },
  })
  return (docs[0] as unknown as UserRow) ?? null
}

/** Checks everything before any change: refusals leave the database as it was. */
async function checkRequest(req: PayloadRequest, { confirm, reassignTo, userId }: EraseRequest) {
  const user = await findUser(req, userId)
  if (!user) throw new EraseRefused(404, 'There is no such user.')
  if (req.user?.collection === 'users' && String(req.user.id) === String(user.id)) {
    throw new EraseRefused(403, 'You cannot erase your own account: ask another admin.')
  }
  if (typeof confirm !== 'string' || confirm.trim().toLowerCase() !== user.email.toLowerCase()) {
    throw new EraseRefused(400, 'To confirm, send the user’s email address as "confirm".')
  }
  const targetId = reassignTo ?? (req.user?.collection === 'users' ? req.user.id : undefined)
  if (targetId === undefined || targetId === null)
    throw new EraseRefused(400, 'Say who takes over their content: "reassignTo" (a user id).')
  const target = await findUser(req, targetId)
  if (!target) throw new EraseRefused(400, '"reassignTo" is not an existing user.')
  if (String(target.id) === String(user.id))
    throw new EraseRefused(400, '"reassignTo" must be someone other than the user being erased.')
  if (roleNames(user).includes(adminRole)) {
    const admins = await req.payload.find({
      collection: 'users',
      depth: 1,
      overrideAccess: true,
      pagination: false,
      req,
      where: { active: { not_equals: false } },
    })
    const others = (admins.docs as unknown as UserRow[]).filter(
      (other) => String(other.id) !== String(user.id) && roleNames(other).includes(adminRole),
    )
    if (others.length === 0)
      throw new EraseRefused(409, 'This is the last active admin: make someone else an admin first.')
  }
  return { target, user }
}

/**
 * Their documents and every version of them (drafts, history, trash) go to `targetId`. Done in SQL
 * on purpose: saving a document through Payload would make its current data the newest version and
 * so bury a newer unsaved draft. Each moved document gets an `update` audit entry naming `owner`/`author`.
 */
async function reassignContent(req: PayloadRequest, userId: number | string, targetId: number | string) {
  const reassigned: EraseSummary['reassigned'] = {}
  for (const owned of ownedContent) {
    const { column, table, versionColumn, versionTable } = ownerColumns(owned)
    const documents = await runSql<{ id: number }>(
      req,
      sql`update ${table} set ${column} = ${targetId} where ${column} = ${userId} returning id`,
    )
    const versions = await runSql(
      req,
      sql`update ${versionTable} set ${versionColumn} = ${targetId} where ${versionColumn} = ${userId}`,
    )
    for (const { id } of documents.rows) {
      await writeAuditEntry(req, {
        action: 'update',
        changedFields: [owned.field],
        documentId: id,
        entity: owned.collection,
        entityType: 'collection',
      })
    }
    reassigned[owned.collection] = { documents: documents.count, versions: versions.count }
  }
  return reassigned
}

/**
 * Keeps the audit entries of what they did but removes who did it: actor, address and user agent.
 * Runs before the account goes (deleting it would already clear the actor, and then nothing would
 * find these entries any more).
 */
async function anonymiseTheirActions(req: PayloadRequest, userId: number | string) {
  const { count } = await runSql(
    req,
    sql`update audit_logs set user_id = null, ip = null, user_agent = null where user_id = ${userId}`,
  )
  return count
}

/**
 * Keeps the entries about their account (created, changed, signed in, deleted) but removes which
 * account: the database trigger lets exactly this column be cleared, and only on `users` entries.
 */
async function anonymiseEntriesAboutThem(req: PayloadRequest, userId: number | string) {
  const { count } = await runSql(
    req,
    sql`update audit_logs set document_id = null where entity = 'users' and document_id = ${String(userId)}`,
  )
  return count
}

/**
 * Erases a user, in one transaction: their content (documents, drafts, versions) passes to another
 * user, their audit entries stay without their identity, the chat conversations they started are
 * deleted with every message, emails waiting for them are dropped, and the account goes (with its
 * sign-in sessions, API key, tokens and admin preferences). Ends with one `erase` audit entry by the
 * acting user that names nobody. Throws EraseRefused, changing nothing, when the request is wrong.
 */
export async function erasePersonalData(req: PayloadRequest, request: EraseRequest): Promise<EraseSummary> {
  const ownTransaction = await initTransaction(req)
  try {
    const { target, user } = await checkRequest(req, request)
    const reassigned = await reassignContent(req, user.id, target.id)
    const chat = await purgeChatSessions(req.payload, { req, userId: user.id })
    const emails = await findEmailJobsTo(req, user.email)
    // One a worker is sending right now goes out anyway; deleting its job would only hide that.
    const waiting = emails.filter((job) => !job.processing)
    if (waiting.length > 0) {
      await req.payload.db.deleteMany({
        collection: 'payload-jobs',
        req,
        where: { id: { in: waiting.map((job) => job.id) } },
      })
    }
    const actions = await anonymiseTheirActions(req, user.id)
    await req.payload.delete({ collection: 'users', id: user.id, overrideAccess: true, req })
    const auditEntriesAnonymised = actions + (await anonymiseEntriesAboutThem(req, user.id))
    await writeAuditEntry(req, { action: 'erase', entity: 'users', entityType: 'collection' })
    if (ownTransaction) await commitTransaction(req)
    return {
      auditEntriesAnonymised,
      chat,
      emailsBeingSent: emails.length - waiting.length,
      emailsDropped: waiting.length,
      reassigned,
      reassignedTo: target.id,
    }
  } catch (error) {
    if (ownTransaction) await killTransaction(req)
    throw error
  }
}

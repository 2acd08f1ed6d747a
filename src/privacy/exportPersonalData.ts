import type { PayloadRequest, Where } from 'payload'

import { findChatSessionsOf } from '@askfolio/payload-chat'

import { findEmailJobsTo } from './findEmailJobsTo'
import { ownedContent } from './ownedContent'

type Doc = Record<string, unknown> & { id: number | string }

const pick = (doc: Doc, keys: string[]) =>
  Object.fromEntries(keys.filter((key) => key in doc).map((key) => [key, doc[key] ?? null]))

/** Account fields safe to hand over: never the password hash and salt, the API key or any token. */
const accountFields = ['id', 'name', 'email', 'active', '_verified', 'enableAPIKey', 'createdAt', 'updatedAt']

async function findAll(
  req: PayloadRequest,
  collection: string,
  where: Where,
  extra: Record<string, unknown> = {},
): Promise<Doc[]> {
  const { docs } = await req.payload.find({
    collection: collection as never,
    depth: 0,
    overrideAccess: true,
    pagination: false,
    req,
    where,
    ...extra,
  })
  return docs as unknown as Doc[]
}

async function ownedDocuments(req: PayloadRequest, userId: number | string) {
  return Promise.all(
    ownedContent.map(async ({ collection, field }) => {
      const documents = await findAll(req, collection, { [field]: { equals: userId } }, { draft: true, trash: true })
      const versions = await req.payload.findVersions({
        collection: collection as never,
        depth: 0,
        overrideAccess: true,
        pagination: false,
        req,
        trash: true,
        where: { [`version.${field}`]: { equals: userId } },
      })
      return {
        collection,
        documents: documents.map((doc) =>
          pick(doc, ['id', 'title', 'slug', '_status', 'deletedAt', 'createdAt', 'updatedAt']),
        ),
        field,
        versions: (versions.docs as unknown as (Doc & { parent: unknown; version: Doc })[]).map((version) => ({
          id: version.id,
          parent: version.parent,
          status: version.version._status ?? null,
          title: version.version.title ?? null,
          updatedAt: version.updatedAt,
        })),
      }
    }),
  )
}

/**
 * Everything the app stores about one user, for an admin to hand over: the account (no secrets),
 * roles, sign-in sessions, admin preferences, the content they own (drafts, trash and versions
 * included), the audit entries they made or that are about their account, the chat conversations
 * they started while signed in, and emails waiting for them in the outbox (subjects only: bodies
 * hold one-time links). Null when there is no such user.
 */
export async function exportPersonalData(req: PayloadRequest, userId: number | string) {
  const user = (
    await req.payload.find({
      collection: 'users',
      depth: 1,
      limit: 1,
      overrideAccess: true,
      req,
      showHiddenFields: true,
      where: { id: { equals: userId } },
    })
  ).docs[0] as unknown as (Doc & { avatar?: Doc | null; email: string; roles?: Doc[]; sessions?: Doc[] }) | undefined
  if (!user) return null

  const [content, actorEntries, aboutEntries, preferences, chatSessions, emails] = await Promise.all([
    ownedDocuments(req, user.id),
    findAll(req, 'audit-logs', { user: { equals: user.id } }, { sort: 'createdAt' }),
    findAll(
      req,
      'audit-logs',
      { and: [{ entity: { equals: 'users' } }, { documentId: { equals: String(user.id) } }] },
      { sort: 'createdAt' },
    ),
    findAll(req, 'payload-preferences', {
      and: [{ 'user.relationTo': { equals: 'users' } }, { 'user.value': { equals: user.id } }],
    }),
    findChatSessionsOf(req.payload, { req, userId: user.id }),
    findEmailJobsTo(req, user.email),
  ])
  const auditFields = ['id', 'createdAt', 'action', 'entity', 'documentId', 'changedFields']
  // An entry's address and browser belong to whoever acted: theirs only on the entries they made.
  const actorOf = (entry: Doc) => (entry.user && typeof entry.user === 'object' ? (entry.user as Doc).id : entry.user)
  const auditEntry = (entry: Doc) =>
    pick(entry, String(actorOf(entry)) === String(user.id) ? [...auditFields, 'ip', 'userAgent'] : auditFields)

  return {
    exportedAt: new Date().toISOString(),
    account: {
      ...pick(user, accountFields),
      avatar: user.avatar ? pick(user.avatar, ['id', 'alt', 'filename', 'url']) : null,
      hasAPIKey: Boolean(user.enableAPIKey && (user.hasAPIKey || user.apiKey)),
      passwordResetPending: Boolean(user.resetPasswordToken),
      roles: (user.roles ?? []).map((role) => pick(role, ['id', 'name'])),
    },
    signInSessions: (user.sessions ?? []).map((session) => pick(session, ['createdAt', 'expiresAt'])),
    adminPreferences: preferences.map((preference) => pick(preference, ['key', 'value', 'updatedAt'])),
    content,
    auditLog: {
      aboutTheirAccount: aboutEntries.map(auditEntry),
      asActor: actorEntries.map(auditEntry),
    },
    chatSessions: chatSessions.map(({ id: _id, ...session }) => ({
      ...session,
      messages: session.messages.map((message) =>
        pick(message as unknown as Doc, [
          'publicId',
          'createdAt',
          'question',
          'answer',
          'sources',
          'status',
          'rating',
          'comment',
          'ratedAt',
        ]),
      ),
    })),
    outbox: emails.map((job) => ({
      createdAt: job.createdAt,
      failed: Boolean(job.hasError),
      subject: job.input?.message?.subject ?? null,
    })),
    notes: [
      'Editor digests record only how many editors were emailed, never who; digests waiting to be sent are under outbox.',
      'Rate-limit counters key on addresses and chat session ids, not on accounts, and expire within a day.',
    ],
  }
}

export type PersonalData = NonNullable<Awaited<ReturnType<typeof exportPersonalData>>>

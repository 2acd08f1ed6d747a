import type { PayloadRequest } from 'payload'

import { editorDigestsSlug } from './EditorDigests'
import { findEditors } from './findEditors'
import { publicUrl } from './publicUrl'
import { queueEmail } from './queueEmail'
import { readSiteName } from './readSiteName'
import { escapeHtml, renderEmail } from './renderEmail'

type Item = { comment?: null | string; id: number | string; question: string }

const firstDigestWindowMs = 24 * 3_600_000

const itemList = (items: Item[], link: (item: Item) => string) =>
  `<ul>${items
    .map(
      (item) =>
        `<li><a href="${escapeHtml(link(item))}">${escapeHtml(item.question)}</a>${item.comment ? `<br>“${escapeHtml(item.comment)}”` : ''}</li>`,
    )
    .join('')}</ul>`

export type DigestResult = { negativeFeedback: number; recipients: number; sent: boolean; unanswered: number }

/**
 * Emails every editor (see findEditors.ts) the questions the chatbot could not answer and the
 * thumbs-down it got since the last digest (the first covers a day), each linked to the message in
 * the admin. Nothing new, nothing sent, and the window stays open. The messages go through the outbox.
 */
export async function sendEditorDigest(req: PayloadRequest, now = new Date()): Promise<DigestResult> {
  const { payload } = req
  const last = await payload.find({
    collection: editorDigestsSlug as never,
    depth: 0,
    limit: 1,
    overrideAccess: true,
    req,
    sort: '-until',
  })
  const lastUntil = (last.docs[0] as { until?: string } | undefined)?.until
  const since = lastUntil ? new Date(lastUntil) : new Date(now.getTime() - firstDigestWindowMs)
  const window = (field: string) => [
    { [field]: { greater_than: since.toISOString() } },
    { [field]: { less_than_equal: now.toISOString() } },
  ]

  const find = async (where: object[]) =>
    (
      await payload.find({
        collection: 'chat-messages' as never,
        depth: 0,
        overrideAccess: true,
        pagination: false,
        req,
        // Only what the email shows: not the answers, their sources or timings.
        select: { comment: true, question: true } as never,
        sort: 'createdAt',
        where: { and: where } as never,
      })
    ).docs as unknown as Item[]
  const unanswered = await find([{ unanswered: { equals: true } }, ...window('createdAt')])
  const negative = await find([{ rating: { equals: 'down' } }, ...window('ratedAt')])
  if (unanswered.length === 0 && negative.length === 0)
    return { negativeFeedback: 0, recipients: 0, sent: false, unanswered: 0 }

  const editors = await findEditors(req)
  const siteName = await readSiteName(req)
  const admin = `${publicUrl(payload)}${payload.config.routes.admin}`
  const link = (item: Item) => `${admin}/collections/chat-messages/${item.id}`
  const sections = [
    unanswered.length
      ? `<h2 style="font-size:16px">Unanswered questions (${unanswered.length})</h2>${itemList(unanswered, link)}`
      : '',
    negative.length
      ? `<h2 style="font-size:16px">Negative feedback (${negative.length})</h2>${itemList(negative, link)}`
      : '',
  ].join('\n')
  const subject = `${siteName}: ${unanswered.length} unanswered, ${negative.length} thumbs-down since ${since.toISOString().slice(0, 16).replace('T', ' ')} UTC`
  for (const editor of editors) {
    const { html, text } = renderEmail({
      action: { label: 'Open the chat messages', url: `${admin}/collections/chat-messages` },
      intro: [`Hello ${editor.name},`, `Here is what visitors asked ${siteName}'s chatbot that needs a look.`],
      outro: ['Answering these usually means adding or publishing the content they asked about.'],
      rawHtml: sections,
      siteName,
      title: 'Chatbot digest',
    })
    await queueEmail(payload, { html, subject, text, to: editor.email }, req)
  }
  await payload.create({
    collection: editorDigestsSlug as never,
    data: {
      negativeFeedback: negative.length,
      recipients: editors.length,
      since: since.toISOString(),
      unanswered: unanswered.length,
      until: now.toISOString(),
    } as never,
    overrideAccess: true,
    req,
  })
  return { negativeFeedback: negative.length, recipients: editors.length, sent: true, unanswered: unanswered.length }
}

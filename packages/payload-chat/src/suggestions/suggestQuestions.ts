import type { Payload } from 'payload'

import type { ChatContext } from '../context'

import { collectionStore, findGlobalBySlug, type IndexedPage, indexedPages } from '@askfolio/payload-retrieval'

import { retrieveSources } from '../answer/retrieveSources'
import { defaultQuestions } from './defaultQuestions'
import { chatSettingsSlug, pinnedQuestionsField } from './pinnedQuestions'

type Candidate = { about?: IndexedPage; question: string }
type Pinned = Record<string, unknown> & { id: number | string }

type Cache = Map<string, { at: number; questions: string[] }>
/** One cache per Payload instance (tests run several), keyed by the document a page shows. */
const caches = new WeakMap<Payload, Cache>()
function cacheOf(payload: Payload): Cache {
  let cache = caches.get(payload)
  if (!cache) caches.set(payload, (cache = new Map()))
  return cache
}

const questionsIn = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && item.trim() !== '') : []

/** The questions pinned on the published document (a visitor's read: a draft's pins are not out yet). */
async function pinnedOn(payload: Payload, context: ChatContext, page: IndexedPage): Promise<string[]> {
  if (page.kind !== 'collection' || !context.suggestions.collections.includes(page.collection)) return []
  const doc = await collectionStore<Pinned>(page.collection).findByID(payload, page.id, {
    depth: 0,
    disableErrors: true,
    draft: false,
    overrideAccess: false,
    select: { [pinnedQuestionsField]: true },
  })
  return questionsIn(doc?.[pinnedQuestionsField])
}

async function pinnedSiteWide(payload: Payload): Promise<string[]> {
  const settings = await findGlobalBySlug(payload, chatSettingsSlug, {
    depth: 0,
    overrideAccess: true,
  })
  return questionsIn(settings?.[pinnedQuestionsField])
}

async function generated(payload: Payload, context: ChatContext, page: IndexedPage): Promise<Candidate[]> {
  const own = (await context.suggestions.questionsFor?.(page, { payload })) ?? []
  return [...own, ...defaultQuestions(page)].map((question) => ({ about: page, question }))
}

/** One question per document first, so an offer made of several documents spans the site. */
async function fromLatest(payload: Payload, context: ChatContext, except?: IndexedPage): Promise<Candidate[]> {
  const latest = await indexedPages(payload, { limit: context.suggestions.count + 1 })
  const others = latest.filter((each) => !except || each.collection !== except.collection || each.id !== except.id)
  const lists = await Promise.all(others.map((each) => generated(payload, context, each)))
  const rounds = Math.max(0, ...lists.map((list) => list.length))
  return Array.from({ length: rounds }, (_, round) => lists.map((list) => list[round]))
    .flat()
    .filter(Boolean)
}

/**
 * The candidates in the order they are offered: the page's pins, the site's (two at most ahead of
 * the page's own questions, so a page still speaks of itself), questions made from the page, then
 * from the latest documents, so a page with little to ask about still offers a few.
 */
async function candidatesFor(payload: Payload, context: ChatContext, page?: IndexedPage): Promise<Candidate[]> {
  const site = (await pinnedSiteWide(payload)).map((question) => ({ question }))
  const latest = await fromLatest(payload, context, page)
  if (!page) return [...site, ...latest]
  const pins = (await pinnedOn(payload, context, page)).map((question) => ({ question }))
  return [...pins, ...site.slice(0, 2), ...(await generated(payload, context, page)), ...site.slice(2), ...latest]
}

/**
 * Would the chat answer it? The same retrieval and judgement as a visitor's question: only the high
 * band counts (the model is given sources), and a question made from a document must cite it.
 */
async function answerable(payload: Payload, context: ChatContext, candidate: Candidate): Promise<boolean> {
  const { confidence, sources } = await retrieveSources(payload, context, candidate.question)
  if (confidence !== 'high') return false
  const about = candidate.about
  return !about || sources.some((source) => source.collection === about.collection && source.id === about.id)
}

/**
 * The questions the widget offers on the page at `pathname` (none: the site in general), each
 * checked to get an answer, at most `suggestions.count`. A page's list is reused for
 * `suggestions.cacheSeconds`, so a question unpublished a moment ago may be offered for that long.
 * Null when a list had to be made and `mayMake` said no.
 */
export async function suggestQuestions(
  payload: Payload,
  context: ChatContext,
  pathname?: string,
  { mayMake = async () => true }: { mayMake?: () => Promise<boolean> } = {},
): Promise<null | string[]> {
  const [page] = pathname ? await indexedPages(payload, { limit: 1, url: pathname }) : []
  const key = page ? `${page.kind}:${page.collection}:${page.id}` : ''
  const cache = cacheOf(payload)
  const hit = cache.get(key)
  if (hit && Date.now() - hit.at < context.suggestions.cacheSeconds * 1000) return hit.questions
  // Making a list costs a search per candidate: the caller may refuse (a visitor's rate limit).
  if (!(await mayMake())) return null

  const questions: string[] = []
  const seen = new Set<string>()
  for (const candidate of await candidatesFor(payload, context, page)) {
    if (questions.length >= context.suggestions.count) break
    const normalised = candidate.question.trim().toLowerCase()
    if (seen.has(normalised)) continue
    seen.add(normalised)
    if (await answerable(payload, context, candidate)) questions.push(candidate.question.trim())
  }
  // Bounded by the number of indexed documents, plus one for the site in general.
  cache.set(key, { at: Date.now(), questions })
  return questions
}

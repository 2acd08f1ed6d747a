/**
 * How well search and chat understand a visitor's own words, on the fictional site of
 * bench/understanding (30 documents, 60 questions written before any tuning):
 *
 *   npm run bench:understanding [-- --expansion wordnet+vectors|wordnet|vectors|off --embedding none|standin
 *                                   --db embedded|native --verbose]
 *
 * Loads the site as published content into a fresh database, indexes it with the real pipeline, then
 * asks every question through the product's own search (`searchPublished`, as /api/search and the
 * chat use it) and its chat (`answerQuestion`, with the offline extractive model). Prints, per part
 * of the set (the site's words, other words, nothing answers), how often the target document is
 * first and in the first three, and how many answers fall in each confidence band. `--embedding
 * standin` adds an embedding model behind the OpenAI wire format (a local server that returns the
 * local embedder's vectors), to measure what expansion adds when vectors are configured.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { startOpenAIStandIn } from '../tests/helpers/openaiStandIn'
import { engineOption, useBenchDatabase } from './benchDatabase'
import { log, option, runMain } from './common'
import { type EvalQuestion, questions } from './understanding/questions'
import { posts, profile, projects, skills } from './understanding/site'

type SearchHit = import('@askfolio/payload-retrieval').SearchHit

const expansion = option('expansion', 'wordnet+vectors')
const embedding = option('embedding', 'none')
const verbose = process.argv.includes('--verbose')
// `--explain o01,n03`: for these questions, the stand-ins used and each hit's signals.
const explain = new Set(option('explain', '').split(',').filter(Boolean))
const parts = ['site', 'other', 'none'] as const

type Result = { band: string; first?: SearchHit; question: EvalQuestion; rank: number; top: string[] }

async function main() {
  if (embedding !== 'none' && embedding !== 'standin')
    throw new Error(`--embedding must be none or standin, not ${embedding}`)
  const standIn = embedding === 'standin' ? await startOpenAIStandIn() : null
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'askfolio-understanding-'))
  const engine = engineOption()
  const database = await useBenchDatabase(engine, workDir, {
    CHAT_PROVIDER: 'extractive',
    SEARCH_EXPANSION: expansion,
    ...(standIn
      ? {
          EMBEDDINGS_PROVIDER: 'openai',
          EMBEDDING_MODEL: 'stand-in',
          OPENAI_API_KEY: 'stand-in',
          OPENAI_BASE_URL: standIn.url,
        }
      : { EMBEDDINGS_PROVIDER: 'none' }),
  })
  const { BasePayload } = await import('payload')
  const { default: config } = await import('../payload.config')
  const { migrations } = await import('../migrations')
  const { reindexEverything, searchPublished } = await import('@askfolio/payload-retrieval')
  const { answerQuestion } = await import('../packages/payload-chat/src/answer/answerQuestion')
  const { resolveChatOptions } = await import('../packages/payload-chat/src/context')
  const { chatOptions } = await import('../src/config/chatOptions')
  const { markdownToRichText } = await import('../src/seed/markdownToRichText')
  const payload = await new BasePayload().init({ config })

  try {
    await payload.db.migrate({ migrations: migrations as never })
    const keys = await loadSite(payload, await markdownToRichText(payload.config))
    await payload.delete({ collection: 'payload-jobs', overrideAccess: true, where: { id: { exists: true } } })
    const indexed = await reindexEverything(payload)
    log(`${engine} database, expansion ${expansion}, embedding ${embedding}: ${indexed.processed} documents indexed`)

    const chat = resolveChatOptions(chatOptions())
    const results: Result[] = []
    for (const question of questions) {
      let expanded: Array<{ for: string; weight: number; word: string }> = []
      const hits = await searchPublished(payload, question.question, {
        limit: 10,
        onExpanded: (used) => (expanded = used),
      })
      const top = hits.map((hit) => keys.get(`${hit.collection}:${hit.id}`) ?? `${hit.collection}:${hit.id}`)
      if (explain.has(question.id)) {
        console.log(`${question.id} ${question.question} (target ${question.target})`)
        console.log(
          `  stand-ins: ${expanded.map((e) => `${e.for}→${e.word} ${e.weight.toFixed(2)}`).join(', ') || 'none'}`,
        )
        hits.forEach((hit, i) =>
          console.log(
            `  ${i + 1}. ${top[i]} score ${hit.score} bm25 ${hit.fullTextScore?.toFixed(2)} coverage ${hit.coverage?.toFixed(2)} expanded ${hit.expandedCoverage?.toFixed(2)} title ${hit.titleMatch}`,
          ),
        )
      }
      const outcome = await answerQuestion(
        payload,
        chat,
        { history: [], question: question.question, signal: new AbortController().signal },
        { onSources: () => {}, onToken: () => {} },
      )
      if (outcome.status !== 'complete') throw new Error(`"${question.question}": ${outcome.error}`)
      results.push({
        band: outcome.confidence,
        first: hits[0],
        question,
        rank: question.target ? top.indexOf(question.target) + 1 : 0,
        top,
      })
    }
    report(results)
  } finally {
    await payload.destroy()
    await database.stop()
    await standIn?.close()
    fs.rmSync(workDir, { force: true, recursive: true })
  }
}

/** The site as published documents; returns each document's `collection:id` → its key in the set. */
async function loadSite(payload: import('payload').Payload, richText: (markdown: string) => unknown) {
  const keys = new Map<string, string>()
  const skillIds = new Map<string, number | string>()
  const create = async (
    collection: 'blog-posts' | 'projects' | 'skills',
    key: string,
    data: Record<string, unknown>,
  ) => {
    const doc = await payload.create({
      collection,
      data: { ...data, _status: 'published' } as never,
      overrideAccess: true,
    })
    keys.set(`${collection}:${doc.id}`, key)
    return doc.id
  }
  for (const skill of skills)
    skillIds.set(
      skill.name,
      await create('skills', skill.key, {
        category: skill.category,
        description: skill.description,
        level: skill.level,
        name: skill.name,
      }),
    )
  const skillsOf = (names: string[]) => names.map((name) => skillIds.get(name)!)
  for (const p of projects) {
    await create('projects', p.key, {
      description: richText(p.description),
      skills: skillsOf(p.skills),
      slug: p.slug,
      summary: p.summary,
      title: p.title,
    })
  }
  for (const p of posts) {
    await create('blog-posts', p.key, {
      content: richText(p.content),
      excerpt: p.excerpt,
      publishedAt: new Date().toISOString(),
      skills: skillsOf(p.skills),
      slug: p.slug,
      title: p.title,
    })
  }
  await payload.updateGlobal({
    slug: 'profile',
    data: {
      _status: 'published',
      bio: profile.bio,
      headline: profile.headline,
      location: profile.location,
      name: profile.name,
    } as never,
    overrideAccess: true,
  })
  keys.set('profile:profile', profile.key)
  return keys
}

function report(results: Result[]) {
  const rows = parts.map((part) => {
    const of = results.filter((result) => result.question.part === part)
    const count = (band: string) => of.filter((result) => result.band === band).length
    const found = (within: number) =>
      part === 'none' ? '' : `${of.filter((result) => result.rank >= 1 && result.rank <= within).length}/${of.length}`
    return {
      high: count('high'),
      low: count('low'),
      middle: count('middle'),
      part,
      questions: of.length,
      top1: found(1),
      top3: found(3),
    }
  })
  console.table(rows)
  if (verbose) {
    const signals = (hit?: SearchHit) =>
      hit
        ? `cov ${hit.coverage?.toFixed(2)} exp ${hit.expandedCoverage?.toFixed(2)} title ${hit.titleMatch ? 'y' : 'n'}`
        : 'no hit'
    for (const { band, first, question, rank, top } of results) {
      console.log(
        `${question.id} ${band.padEnd(6)} ${question.target ? `rank ${rank || '-'}` : '      '} [${signals(first)}] ${question.question}  →  ${top.slice(0, 3).join(', ')}`,
      )
    }
  }
}

runMain(main)

/**
 * Checks the evaluation set in site.ts and questions.ts:
 *
 *   NODE_OPTIONS=--conditions=development node --import tsx bench/understanding/checkSet.ts
 *
 * Lexemes come from PostgreSQL's to_tsvector('english', ...) in an in-memory PGlite, the same stemming the
 * site's full-text search uses. Checks:
 *   - the documents: 30 in all, unique keys, valid skill categories and levels, skills referenced by name
 *     exist, project descriptions 150-350 words with 2-3 headings, posts 200-450 words with headings;
 *   - the questions: 25 site / 25 other / 10 none, unique ids s01..s25, o01..o25, n01..n10, every target
 *     exists (null exactly for 'none'), at most 3 questions per target;
 *   - 'other': the question's lexemes, minus the question-frame words below, share no lexeme with the target
 *     document's full text (and at least one content lexeme is left);
 *   - 'site': at least two content lexemes shared with the target.
 * Prints what is wrong for each failure and exits 1 if there is any.
 */
import { PGlite } from '@electric-sql/pglite'

import { questions, type EvalQuestion } from './questions'
import { posts, profile, projects, skills } from './site'

/** Words that frame a question rather than carry its content. Many are English stopwords already. */
const frameWords = [
  'you',
  'your',
  'have',
  'made',
  'make',
  'built',
  'build',
  'work',
  'worked',
  'anything',
  'something',
  'any',
  'kind',
  'sort',
  'thing',
  'things',
  'tool',
  'tools',
  'app',
  'apps',
  'people',
  'project',
  'projects',
  'ever',
  'do',
  'did',
  'done',
  'tell',
  'about',
  'write',
  'wrote',
  'written',
  'post',
  'blog',
]

/** From src/collections/Skills.ts (copied, so the checker does not load the CMS config). */
const skillCategories = ['language', 'framework', 'database', 'cloud', 'tool', 'practice', 'soft skill']
const skillLevels = ['beginner', 'intermediate', 'advanced', 'expert']

const documents = new Map<string, { kind: string; text: string }>()
const docProblems: string[] = []

function addDocument(key: string, kind: string, parts: string[]) {
  if (documents.has(key)) docProblems.push(`duplicate document key ${key}`)
  documents.set(key, { kind, text: parts.join('\n\n') })
}

const wordCount = (markdown: string) => markdown.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length
const headingCount = (markdown: string) => (markdown.match(/^## /gm) ?? []).length

addDocument(profile.key, 'profile', [profile.name, profile.headline, profile.location, profile.bio])
const skillNames = new Set(skills.map((skill) => skill.name))
for (const skill of skills) {
  addDocument(skill.key, 'skill', [skill.name, skill.category, skill.level, skill.description])
  if (!skillCategories.includes(skill.category))
    docProblems.push(`${skill.key}: category '${skill.category}' is not one of ${skillCategories.join(', ')}`)
  if (!skillLevels.includes(skill.level))
    docProblems.push(`${skill.key}: level '${skill.level}' is not one of ${skillLevels.join(', ')}`)
}
for (const project of projects) {
  addDocument(project.key, 'project', [
    project.title,
    project.slug,
    project.summary,
    project.description,
    project.skills.join(', '),
  ])
  const words = wordCount(project.description)
  if (words < 150 || words > 350) docProblems.push(`${project.key}: description has ${words} words (want 150-350)`)
  const headings = headingCount(project.description)
  if (headings < 2 || headings > 3) docProblems.push(`${project.key}: description has ${headings} headings (want 2-3)`)
}
for (const post of posts) {
  addDocument(post.key, 'post', [post.title, post.slug, post.excerpt, post.content, post.skills.join(', ')])
  const words = wordCount(post.content)
  if (words < 200 || words > 450) docProblems.push(`${post.key}: content has ${words} words (want 200-450)`)
  if (headingCount(post.content) < 2) docProblems.push(`${post.key}: content has fewer than 2 headings`)
}
for (const doc of [...projects, ...posts])
  for (const name of doc.skills)
    if (!skillNames.has(name)) docProblems.push(`${doc.key}: skill '${name}' is not in skills`)
if (documents.size !== 30) docProblems.push(`${documents.size} documents (want 30)`)

const db = new PGlite()

async function lexemes(text: string): Promise<Set<string>> {
  const { rows } = await db.query<{ lexeme: string }>(`select lexeme from unnest(to_tsvector('english', $1))`, [text])
  return new Set(rows.map((row) => row.lexeme))
}

async function main() {
  const frame = await lexemes(frameWords.join(' '))
  const docLexemes = new Map<string, Set<string>>()
  for (const [key, doc] of documents) docLexemes.set(key, await lexemes(doc.text))

  const problems = new Map<string, string[]>()
  const fail = (question: EvalQuestion, message: string) => {
    problems.set(question.id, [...(problems.get(question.id) ?? []), message])
  }

  // Counts, ids and targets.
  const setProblems: string[] = []
  const prefix = { none: 'n', other: 'o', site: 's' } as const
  const wanted = { none: 10, other: 25, site: 25 } as const
  for (const part of ['site', 'other', 'none'] as const) {
    const ids = questions.filter((q) => q.part === part).map((q) => q.id)
    if (ids.length !== wanted[part]) setProblems.push(`${ids.length} '${part}' questions (want ${wanted[part]})`)
    const expected = Array.from({ length: wanted[part] }, (_, i) => `${prefix[part]}${String(i + 1).padStart(2, '0')}`)
    const missing = expected.filter((id) => !ids.includes(id))
    if (missing.length) setProblems.push(`'${part}' ids missing: ${missing.join(', ')}`)
  }
  if (questions.length !== 60) setProblems.push(`${questions.length} questions (want 60)`)
  const seen = new Set<string>()
  for (const q of questions) {
    if (seen.has(q.id)) fail(q, 'duplicate id')
    seen.add(q.id)
    if (!new RegExp(`^${prefix[q.part]}\\d\\d$`).test(q.id)) fail(q, `id does not match part '${q.part}'`)
  }
  const perTarget = new Map<string, string[]>()
  for (const q of questions) {
    if (q.part === 'none') {
      if (q.target !== null) fail(q, "a 'none' question must have target null")
      continue
    }
    if (q.target === null) {
      fail(q, 'target is null')
      continue
    }
    if (!documents.has(q.target)) fail(q, `target ${q.target} is not a document key`)
    perTarget.set(q.target, [...(perTarget.get(q.target) ?? []), q.id])
  }
  for (const [target, ids] of perTarget)
    if (ids.length > 3) setProblems.push(`${ids.length} questions for ${target} (at most 3): ${ids.join(', ')}`)

  // Vocabulary.
  for (const q of questions) {
    if (q.part === 'none' || q.target === null || !docLexemes.has(q.target)) continue
    const content = [...(await lexemes(q.question))].filter((lexeme) => !frame.has(lexeme))
    const target = docLexemes.get(q.target)!
    const shared = content.filter((lexeme) => target.has(lexeme))
    if (q.part === 'other') {
      if (content.length === 0) fail(q, 'no content lexemes left after removing frame words')
      if (shared.length > 0) fail(q, `shares ${shared.map((l) => `'${l}'`).join(', ')} with ${q.target}`)
    } else if (shared.length < 2) {
      fail(
        q,
        `shares ${shared.length} content lexeme(s) with ${q.target} (want at least 2): ${shared.join(', ') || '-'}; question has ${content.join(', ')}`,
      )
    }
  }

  for (const problem of docProblems) console.log(`documents: ${problem}`)
  for (const problem of setProblems) console.log(`set: ${problem}`)
  for (const q of questions) {
    const messages = problems.get(q.id)
    if (messages) console.log(`${q.id} (${q.part}) "${q.question}" -> ${q.target}\n  ${messages.join('\n  ')}`)
  }
  const counts = (['site', 'other', 'none'] as const).map((part) => questions.filter((q) => q.part === part).length)
  const failures = docProblems.length + setProblems.length + problems.size
  console.log(
    `${documents.size} documents (${skills.length} skills, ${projects.length} projects, ${posts.length} posts, profile); ` +
      `${questions.length} questions (site ${counts[0]}, other ${counts[1]}, none ${counts[2]}) over ${perTarget.size} targets; ` +
      (failures ? `${failures} problem(s)` : 'all checks passed'),
  )
  await db.close()
  process.exit(failures ? 1 : 0)
}

await main()

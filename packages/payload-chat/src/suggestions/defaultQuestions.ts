import type { IndexedPage } from '@askfolio/payload-retrieval'

/**
 * Candidate questions from what a page shows: its title, then its section headings. Plain
 * templates, offline; the host can add its own (`suggestions.questionsFor`), and every candidate is
 * checked against the index before a visitor sees it, so a template that reads oddly for some page
 * is only ever a question the chat answers.
 */
export function defaultQuestions(page: IndexedPage): string[] {
  const headings = page.headings.filter((heading) => heading.length <= 60).slice(0, 4)
  // A page titled with a question (an FAQ entry) is asked as it stands.
  return [
    page.title.trim().endsWith('?') ? page.title.trim() : `What is ${page.title}?`,
    ...headings.map((heading) => `What does ${page.title} say about ${lowerFirst(heading)}?`),
  ]
}

/** "Lessons learned" reads as part of a sentence; "API design" and "PostgreSQL" keep their capitals. */
const lowerFirst = (text: string) => (/^[A-Z][a-z]/.test(text) ? text[0].toLowerCase() + text.slice(1) : text)

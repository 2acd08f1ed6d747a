import type { IndexedPage } from '@askfolio/payload-retrieval'

/**
 * The portfolio's own questions for a page, tried before the chat's built-in ones ("What is …?",
 * one per heading). Worded for what each collection is; the chat offers one only when its answer
 * would cite the page.
 */
export function suggestedQuestions(page: IndexedPage): string[] {
  const title = page.title
  if (page.kind === 'global') {
    // The profile's page is titled "About Maya …": the question is about Maya.
    const name = title.replace(/^about\s+/i, '')
    return [`Who is ${name}?`, `What does ${name} work on?`]
  }
  switch (page.collection) {
    case 'blog-posts':
      return [`What is the post “${title}” about?`]
    case 'documents':
      return [`What is in the ${title}?`]
    case 'projects':
      return [`What was ${title} built with?`, `What problem does ${title} solve?`]
    case 'skills':
      return [`Which projects use ${title}?`, `How is ${title} used here?`]
    default:
      return []
  }
}

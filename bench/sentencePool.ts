/** Sentences to build synthetic content from: varied, real prose (the seed's own), code and headings left out. */
export async function sentencePool(): Promise<string[]> {
  const { blogPosts } = await import('../src/seed/content/blogPosts')
  const { projects } = await import('../src/seed/content/projects')
  return [...blogPosts.map((p) => p.content), ...projects.map((p) => p.description)]
    .join(' ')
    .replace(/```[\s\S]*?```|^#+ .*$|^[-\d.]+ /gm, '')
    .split(/(?<=[.!?])\s+/)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => s.length > 40)
}

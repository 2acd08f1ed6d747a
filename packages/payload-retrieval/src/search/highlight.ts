export const markStart = '\u0001'
export const markEnd = '\u0002'

const escapes: Record<string, string> = { '"': '&quot;', '&': '&amp;', "'": '&#39;', '<': '&lt;', '>': '&gt;' }

/**
 * A snippet from ts_headline (matched words between the two control characters) as safe HTML: the
 * text escaped, the matches wrapped in <mark>.
 */
export const highlightToHtml = (snippet: string): string =>
  snippet
    .replace(/[&<>"']/g, (c) => escapes[c])
    .replaceAll(markStart, '<mark>')
    .replaceAll(markEnd, '</mark>')
    .replace(/\s+/g, ' ')
    .trim()

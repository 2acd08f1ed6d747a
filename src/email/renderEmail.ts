import { htmlToText } from './htmlToText'

export type EmailContent = {
  /** Shown as a button, and as the bare link under it. */
  action?: { label: string; url: string }
  /** Plain sentences (escaped), one paragraph each, before the button. */
  intro: string[]
  /** Sentences after the button. */
  outro?: string[]
  /** Extra HTML inserted before the outro (already escaped by the caller). */
  rawHtml?: string
  siteName: string
  title: string
}

export const escapeHtml = (value: string) =>
  value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')

const paragraph = (text: string) => `<p style="margin:0 0 16px">${escapeHtml(text)}</p>`

/** The HTML and plain-text versions of one of the app's emails, with the site's name in both. */
export function renderEmail(content: EmailContent): { html: string; text: string } {
  const { action, intro, outro = [], rawHtml = '', siteName, title } = content
  const button = action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(action.url)}" style="background:#111;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none">${escapeHtml(action.label)}</a></p>` +
      `<p style="margin:0 0 16px;font-size:13px;color:#555">Or open this link: <a href="${escapeHtml(action.url)}">${escapeHtml(action.url)}</a></p>`
    : ''
  const html = `<!doctype html>
<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body style="font-family:system-ui,sans-serif;font-size:15px;line-height:1.5;color:#111;max-width:560px;margin:0 auto;padding:24px">
<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(title)}</h1>
${intro.map(paragraph).join('\n')}
${button}
${rawHtml}
${outro.map(paragraph).join('\n')}
<p style="margin:32px 0 0;font-size:13px;color:#555">${escapeHtml(siteName)}</p>
</body></html>`
  const text = [
    title,
    '',
    ...intro.flatMap((line) => [line, '']),
    ...(action ? [`${action.label}: ${action.url}`, ''] : []),
    ...(rawHtml ? [htmlToText(rawHtml), ''] : []),
    ...outro.flatMap((line) => [line, '']),
    '--',
    siteName,
  ].join('\n')
  return { html, text }
}

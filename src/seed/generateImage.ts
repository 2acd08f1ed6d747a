import crypto from 'node:crypto'
import sharp from 'sharp'

const palettes = [
  ['#0f766e', '#1e3a8a'],
  ['#9a3412', '#581c87'],
  ['#166534', '#0e7490'],
  ['#7c2d12', '#b45309'],
  ['#1d4ed8', '#6d28d9'],
  ['#be123c', '#4338ca'],
]

const escapeXml = (text: string) =>
  text.replace(/[<>&"']/g, (c) => ({ '"': '&quot;', "'": '&apos;', '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!)

/**
 * Centred and at most ~880 px wide, so the title survives the 16:10 crop of the card size, which
 * takes 96 px off each side (bold DejaVu Sans averages about 0.62 em a character).
 */
const fontSize = (title: string) => Math.round(Math.min(60, 880 / (0.62 * Math.max(1, title.length))))

/**
 * A 1200×630 cover image for `title` (with the title written on it unless `label` is false): a gradient and a few circles placed by a hash of the title, so
 * the same title always gives the same picture. Rendered by sharp; nothing is downloaded.
 */
export async function generateCoverImage(title: string, { label = true }: { label?: boolean } = {}): Promise<Buffer> {
  const hash = crypto.createHash('sha256').update(title).digest()
  const [from, to] = palettes[hash[0] % palettes.length]
  const circles = [1, 4, 7]
    .map((i) => {
      const cx = 200 + ((hash[i] * 4) % 900)
      const cy = 80 + ((hash[i + 1] * 2) % 400)
      const r = 60 + (hash[i + 2] % 160)
      return `<circle cx="${cx}" cy="${cy}" r="${r}" fill="#fff" fill-opacity="0.12"/>`
    })
    .join('')
  const text = `<text x="600" y="540" text-anchor="middle" font-family="DejaVu Sans, sans-serif" font-size="${fontSize(title)}" font-weight="bold" fill="#fff">${escapeXml(title)}</text>`
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/>
    </linearGradient></defs>
    <rect width="1200" height="630" fill="url(#g)"/>${circles}
    ${label ? text : ''}
  </svg>`
  return sharp(Buffer.from(svg)).png({ compressionLevel: 9 }).toBuffer()
}

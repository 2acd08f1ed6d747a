import { readWordVectorTable } from './src/plugins/retrieval/expansion/wordVectorTable'
import { stopWords } from './src/plugins/retrieval/embedders/stopWords'
import { questionFrameWords } from './src/plugins/retrieval/expansion/frameWords'
import { posts, projects, skills, profile } from './bench/understanding/site'
import { questions } from './bench/understanding/questions'
const t = readWordVectorTable('node_modules/.cache/askfolio/word-vectors-glove-6b-100d-100k.bin')
const D = t.dimensions
const pos = new Map(t.words.map((w, i) => [w, i]))
const frame = new Set(questionFrameWords)
const docs: [string, string][] = []
for (const p of projects) docs.push([p.key, `${p.title} ${p.summary} ${p.description} ${p.skills.join(' ')}`])
for (const p of posts) docs.push([p.key, `${p.title} ${p.excerpt} ${p.content}`])
for (const p of skills) docs.push([p.key, `${p.name} ${p.description}`])
docs.push(['profile', `${profile.headline} ${profile.bio} ${profile.location}`])
const tokens = (s: string) => (s.toLowerCase().match(/[a-z]+(?:-[a-z]+)*/g) ?? []).filter((w) => !stopWords.has(w) && !frame.has(w))
const a = Number(process.env.A ?? 1e-3)
// SIF weight from frequency rank (Zipf): p(w) ~ 1/(rank+10) / H
const sif = (w: string) => { const r = pos.get(w); if (r === undefined) return 0; const p = 0.1 / (r + 10); return a / (a + p) }
const embed = (s: string) => { const v = new Float64Array(D); for (const w of tokens(s)) { const i = pos.get(w); if (i === undefined) continue; const k = sif(w); for (let d = 0; d < D; d++) v[d] += k * t.vectors[i * D + d] } const n = Math.hypot(...v) || 1; return v.map((x) => x / n) }
const dv = docs.map(([k, s]) => [k, embed(s)] as const)
// common component removal
const mean = new Float64Array(D); for (const [, v] of dv) for (let d = 0; d < D; d++) mean[d] += v[d] / dv.length
const fix = (v: Float64Array) => { if (!process.env.PC) return v; const dot = v.reduce((s, x, d) => s + x * mean[d], 0); const mm = mean.reduce((s, x) => s + x * x, 0); const r = v.map((x, d) => x - (dot / mm) * mean[d]); const n = Math.hypot(...r) || 1; return r.map((x) => x / n) }
const dvf = dv.map(([k, v]) => [k, fix(v)] as const)
const res: Record<string, [number, number, number]> = { site: [0, 0, 0], other: [0, 0, 0], none: [0, 0, 0] }
for (const q of questions) {
  const qv = fix(embed(q.question))
  const ranked = dvf.map(([k, v]) => [k, v.reduce((s, x, d) => s + x * qv[d], 0)] as const).sort((x, y) => y[1] - x[1])
  const r = ranked.findIndex(([k]) => k === q.target) + 1
  res[q.part][2]++
  if (r === 1) res[q.part][0]++
  if (r >= 1 && r <= 3) res[q.part][1]++
  if (process.env.V && q.part !== 'site') console.log(q.id, r, ranked[0][1].toFixed(2), q.question, ranked.slice(0, 3).map(([k, s]) => `${k}:${s.toFixed(2)}`).join(' '))
}
console.log(res)

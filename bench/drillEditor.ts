/**
 * An editor saving all through a fault drill, over REST, the way the admin does: every `intervalMs`
 * a published blog post gets a new excerpt (the posts take turns, and so do the web instances), and
 * every tenth save creates a new post. A save that gets no 2xx is tried again on the next tick, as a
 * person would; one whose answer never came (a dropped connection) may or may not have landed.
 * `verify` then reads the database: no acknowledged save may be missing.
 */
import type { Payload } from 'payload'

type Attempt = { ok: boolean; status: number }

export type EditorReport = {
  acknowledged: number
  created: number
  failedAttempts: Record<string, number>
  lost: string[]
}

export function startEditor(bases: string[], token: string, postIds: (number | string)[], intervalMs = 500) {
  const lastAcked = new Map<number | string, number>()
  const inDoubt = new Map<number | string, Set<number>>()
  const created: (number | string)[] = []
  const failedAttempts: Record<string, number> = {}
  let acknowledged = 0
  let running = true
  let n = 0

  const send = async (
    method: 'PATCH' | 'POST',
    path: string,
    body: object,
  ): Promise<Attempt & { id?: number | string }> => {
    const base = bases[n % bases.length]
    try {
      const response = await fetch(`${base}${path}`, {
        body: JSON.stringify(body),
        headers: { Authorization: `JWT ${token}`, 'Content-Type': 'application/json' },
        method,
        signal: AbortSignal.timeout(15_000),
      })
      const json = (await response.json().catch(() => ({}))) as { doc?: { id: number | string } }
      return { id: json.doc?.id, ok: response.ok, status: response.status }
    } catch {
      return { ok: false, status: 0 }
    }
  }

  const loop = (async () => {
    let pending: null | { post: number | string; value: number } = null
    while (running) {
      const tick = Date.now()
      n++
      if (n % 10 === 0) {
        const result = await send('POST', '/api/blog-posts', {
          _status: 'published',
          excerpt: 'Written during the drill.',
          title: `Drill post ${n}`,
        })
        if (result.ok && result.id !== undefined) created.push(result.id)
        else failedAttempts[String(result.status)] = (failedAttempts[String(result.status)] ?? 0) + 1
      } else {
        const save: { post: number | string; value: number } = pending ?? {
          post: postIds[n % postIds.length],
          value: n,
        }
        const result = await send('PATCH', `/api/blog-posts/${save.post}`, {
          _status: 'published',
          excerpt: `drill save ${save.value}`,
        })
        if (result.ok) {
          lastAcked.set(save.post, Math.max(lastAcked.get(save.post) ?? 0, save.value))
          acknowledged++
          pending = null
        } else {
          failedAttempts[String(result.status)] = (failedAttempts[String(result.status)] ?? 0) + 1
          if (result.status === 0) inDoubt.set(save.post, (inDoubt.get(save.post) ?? new Set()).add(save.value))
          pending = save
        }
      }
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, intervalMs - (Date.now() - tick))))
    }
  })()

  return {
    stop: async () => {
      running = false
      await loop
    },
    /** Compares the database with what the editor was told was saved. */
    verify: async (payload: Payload): Promise<EditorReport> => {
      const lost: string[] = []
      for (const [post, value] of lastAcked) {
        const doc = (await payload.findByID({
          collection: 'blog-posts',
          depth: 0,
          id: post,
          overrideAccess: true,
        })) as { excerpt?: string }
        const stored = Number(/drill save (\d+)/.exec(doc.excerpt ?? '')?.[1] ?? 0)
        // A later save whose answer was lost may have landed after the last acknowledged one.
        if (stored !== value && !(stored > value && inDoubt.get(post)?.has(stored))) {
          lost.push(`post ${post}: acknowledged save ${value}, stored ${doc.excerpt ?? 'nothing'}`)
        }
      }
      for (const id of created) {
        const found = await payload.count({
          collection: 'blog-posts',
          overrideAccess: true,
          where: { id: { equals: id } },
        })
        if (found.totalDocs !== 1) lost.push(`created post ${id} is missing`)
      }
      return { acknowledged, created: created.length, failedAttempts, lost }
    },
  }
}

/**
 * A one-line progress bar for long commands. On a terminal it redraws in place; elsewhere (CI, logs)
 * it prints one line per step so the output stays readable.
 */
export function progressBar(label: string, total: number, out: NodeJS.WriteStream = process.stdout) {
  const started = Date.now()
  const interactive = Boolean(out.isTTY)
  let done = 0
  const render = (detail: string) => {
    const width = 24
    const filled = total > 0 ? Math.round((done / total) * width) : width
    const bar = `${'#'.repeat(filled)}${'-'.repeat(width - filled)}`
    const line = `[${label}] [${bar}] ${done}/${total} ${detail}`
    if (interactive) out.write(`\r\x1b[2K${line.slice(0, (out.columns || 120) - 1)}`)
    else out.write(`${line}\n`)
  }
  return {
    tick(detail = '') {
      done++
      render(detail)
    },
    /** Jumps to `count` done (for work reported in batches). */
    update(count: number, detail = '') {
      done = count
      render(detail)
    },
    finish(summary = '') {
      const seconds = ((Date.now() - started) / 1000).toFixed(1)
      if (interactive) out.write('\n')
      out.write(`[${label}] done in ${seconds}s${summary ? `: ${summary}` : ''}\n`)
    },
  }
}

/** What every bench script shares: its command-line options, progress lines and percentiles. */
import fs from 'node:fs'
import os from 'node:os'

/** `--name value` from the command line, or the fallback. */
export const option = (name: string, fallback: string): string => {
  const index = process.argv.indexOf(`--${name}`)
  return index > 0 ? process.argv[index + 1] : fallback
}

/** A numeric `--name value`. */
export const numberOption = (name: string, fallback: number): number => Number(option(name, String(fallback)))

export const log = (message: string) => process.stdout.write(`[bench] ${message}\n`)

/** The p-th percentile of values sorted ascending. */
export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]

/** One JSON value per line (the BEIR files). */
export const readJsonl = <T>(file: string): T[] =>
  fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as T)

/** The machine's load average (1, 5, 15 min) against its cores: benchmarks on a shared machine say how busy it was. */
export const machineLoad = () =>
  `load average ${os
    .loadavg()
    .map((n) => n.toFixed(1))
    .join(' / ')} on ${os.cpus().length} cores`

/** Runs a script's main function: exit status 0 when it resolves, 1 (with the error printed) when it throws. */
export function runMain(main: () => Promise<unknown>): void {
  main().then(
    () => process.exit(0),
    (error) => {
      console.error(error)
      process.exit(1)
    },
  )
}

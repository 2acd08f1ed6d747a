/**
 * Where the test suite's time goes, from the JSON report `npm test` writes
 * (test-results/vitest.json, or the file given): each project's wall time and the slowest files.
 *
 *   npm run bench:tests [-- FILE] [--top 15]
 */
import fs from 'node:fs'
import path from 'node:path'

type FileResult = { assertionResults: unknown[]; endTime: number; name: string; startTime: number }
type Report = { numTotalTests: number; startTime: number; testResults: FileResult[] }

const args = process.argv.slice(2)
const topIndex = args.indexOf('--top')
const top = topIndex >= 0 ? Number(args.splice(topIndex, 2)[1]) : 15
const file = args[0] ?? 'test-results/vitest.json'
const report = JSON.parse(fs.readFileSync(file, 'utf8')) as Report

// The report does not name the project. tests/int files run twice: first in `int` (embedded), then,
// in a later group, in `native`; every other folder is one project of its own name.
const seen = new Set<string>()
const rows = [...report.testResults]
  .sort((a, b) => a.startTime - b.startTime)
  .map((result) => {
    const relative = path.relative(process.cwd(), result.name)
    const folder = relative.split(path.sep)[1] ?? '?'
    let project = folder
    if (folder === 'int') project = seen.has(relative) ? 'native' : 'int'
    seen.add(relative)
    return {
      file: relative,
      ms: result.endTime - result.startTime,
      project,
      result,
      tests: result.assertionResults.length,
    }
  })

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`
const end = Math.max(...rows.map((row) => row.result.endTime))
console.log(
  `${report.numTotalTests} tests in ${rows.length} files, ${seconds(end - report.startTime)} from the first file's start to the last one's end\n`,
)

console.log('project  files  wall time  summed file time')
for (const project of ['unit', 'int', 'native', 'example', 'server', 'e2e']) {
  const mine = rows.filter((row) => row.project === project)
  if (mine.length === 0) continue
  const wall = Math.max(...mine.map((row) => row.result.endTime)) - Math.min(...mine.map((row) => row.result.startTime))
  const summed = mine.reduce((sum, row) => sum + row.ms, 0)
  console.log(
    `${project.padEnd(8)} ${String(mine.length).padStart(5)}  ${seconds(wall).padStart(9)}  ${seconds(summed).padStart(16)}`,
  )
}

console.log(`\nslowest ${top} files`)
for (const row of [...rows].sort((a, b) => b.ms - a.ms).slice(0, top)) {
  console.log(`${seconds(row.ms).padStart(8)}  ${row.project.padEnd(6)}  ${row.file} (${row.tests} tests)`)
}

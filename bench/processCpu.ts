/**
 * CPU time used by a process and its descendants, read from /proc (Linux): what a benchmark row cost
 * the web server and the database, per request, so a table can say which of them bounds it.
 */
import fs from 'node:fs'

// Clock ticks per second for /proc/<pid>/stat times (`getconf CLK_TCK`; 100 on Linux).
const ticksPerSecond = 100

type Stat = { cpuMs: number; ppid: number }

function statOf(pid: number): Stat | undefined {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name is in parentheses and may hold spaces; the fields after it are space separated.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ')
    // Its own user and system time, and that of its children that have exited (a database backend
    // ends with its connection; the postmaster's "children" times keep what it used).
    const [ppid, utime, stime, cutime, cstime] = [fields[1], fields[11], fields[12], fields[13], fields[14]].map(Number)
    return { cpuMs: ((utime + stime + cutime + cstime) * 1000) / ticksPerSecond, ppid }
  } catch {
    return undefined // gone
  }
}

const commandOf = (pid: number) => {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ')
  } catch {
    return ''
  }
}

/** `root` and every process below it, with their CPU time so far. */
function tree(root: number): Map<number, number> {
  const stats = new Map<number, Stat>()
  for (const name of fs.readdirSync('/proc')) {
    const pid = Number(name)
    if (!Number.isInteger(pid)) continue
    const stat = statOf(pid)
    if (stat) stats.set(pid, stat)
  }
  const found = new Map<number, number>()
  const visit = (pid: number) => {
    const stat = stats.get(pid)
    if (!stat || found.has(pid)) return
    found.set(pid, stat.cpuMs)
    for (const [child, { ppid }] of stats) if (ppid === pid) visit(child)
  }
  visit(root)
  return found
}

export type CpuSample = { database: number; web: number }

/**
 * CPU milliseconds so far of the web server (`serverPid` and its children) and of the database:
 * the embedded one is the server's child running embeddedPostgresProcess; a native one is the
 * postmaster `databasePid` and its backends.
 */
export function sampleCpu(serverPid: number, databasePid?: number): CpuSample {
  let web = 0
  let database = 0
  for (const [pid, ms] of tree(serverPid)) {
    if (databasePid === undefined && commandOf(pid).includes('embeddedPostgresProcess')) database += ms
    else web += ms
  }
  if (databasePid !== undefined) for (const ms of tree(databasePid).values()) database += ms
  return { database, web }
}

/** The postmaster's pid from a cluster's data directory, when it runs. */
export const postmasterPid = (dataDir: string): number | undefined => {
  try {
    return Number(fs.readFileSync(`${dataDir}/postmaster.pid`, 'utf8').split('\n')[0]) || undefined
  } catch {
    return undefined
  }
}

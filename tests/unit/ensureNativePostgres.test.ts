import { spawnSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'

// tests/setup/ensureNativePostgres.sh against a stand-in system: PostgreSQL's directories in a
// temporary root, and apt-get, apt-cache, id, sudo, curl and make as small scripts that act like the
// real ones (apt-get "installs" by creating the files a package would; make fails the way the real
// build does when postgres.h is missing) and log how they were called.

const script = path.resolve('tests/setup/ensureNativePostgres.sh')
const roots: string[] = []
afterEach(() => {
  for (const dir of roots.splice(0)) fs.rmSync(dir, { force: true, recursive: true })
})

const write = (file: string, text: string, mode = 0o644) => {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, text, { mode })
}

type System = {
  /** Packages apt-cache knows. */
  available: string[]
  /** The major the `postgresql` metapackage depends on. */
  defaultMajor: string
  /** Majors whose server (initdb, and pg_config as postgresql-client ships it) is installed. */
  servers?: string[]
  /** Majors whose server headers are installed. */
  headers?: string[]
  /** Majors that already have pgvector. */
  pgvector?: string[]
  uid?: number
}

function standIn(system: System) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ensure-pg-'))
  roots.push(root)
  const log = path.join(root, 'calls.log')
  const bin = path.join(root, 'bin')
  const server = (major: string) => {
    write(path.join(root, `lib/${major}/bin/initdb`), '#!/bin/sh\n', 0o755)
    write(
      path.join(root, `lib/${major}/bin/pg_config`),
      `#!/bin/sh\ncase "$1" in --includedir-server) echo "${root}/include/${major}/server";; --sharedir) echo "${root}/share/${major}";; esac\n`,
      0o755,
    )
  }
  const headers = (major: string) => write(path.join(root, `include/${major}/server/postgres.h`), '/* stand-in */\n')
  const pgvector = (major: string) =>
    write(path.join(root, `share/${major}/extension/vector.control`), "default_version = '0.8.0'\n")
  for (const major of system.servers ?? []) server(major)
  for (const major of system.headers ?? []) headers(major)
  for (const major of system.pgvector ?? []) pgvector(major)

  // What each package puts on disk, for the stand-in apt-get.
  const effects = (pkg: string) => {
    const m = /^postgresql-(\d+)(-pgvector)?$/.exec(pkg)
    const dev = /^postgresql-server-dev-(\d+)$/.exec(pkg)
    if (m && !m[2])
      return `mkdir -p ${root}/lib/${m[1]}/bin; cp ${root}/template-initdb ${root}/lib/${m[1]}/bin/initdb; cp ${root}/template-pg_config-${m[1]} ${root}/lib/${m[1]}/bin/pg_config`
    if (m)
      return `mkdir -p ${root}/share/${m[1]}/extension; echo "default_version = '0.8.0'" > ${root}/share/${m[1]}/extension/vector.control`
    if (dev) return `mkdir -p ${root}/include/${dev[1]}/server; touch ${root}/include/${dev[1]}/server/postgres.h`
    return ':'
  }
  write(path.join(root, 'template-initdb'), '#!/bin/sh\n', 0o755)
  for (const major of ['15', '16', '17']) {
    write(
      path.join(root, `template-pg_config-${major}`),
      `#!/bin/sh\ncase "$1" in --includedir-server) echo "${root}/include/${major}/server";; --sharedir) echo "${root}/share/${major}";; esac\n`,
      0o755,
    )
  }
  const cases = system.available.map((pkg) => `    ${pkg}) ${effects(pkg)};;`).join('\n')
  write(
    path.join(bin, 'apt-get'),
    `#!/bin/sh\necho "apt-get $*" >> ${log}\n[ "$1" = install ] || exit 0\nfor pkg in "$@"; do\n  case "$pkg" in\n${cases}\n    -*|install) ;;\n    *) echo "E: Unable to locate package $pkg" >&2; exit 100;;\n  esac\ndone\n`,
    0o755,
  )
  write(
    path.join(bin, 'apt-cache'),
    `#!/bin/sh\nfor pkg; do :; done\ncase " ${system.available.join(' ')} postgresql " in *" $pkg "*) ;; *) exit 100;; esac\n[ "$pkg" = postgresql ] && echo "Depends: postgresql-${system.defaultMajor}"\nexit 0\n`,
    0o755,
  )
  write(path.join(bin, 'id'), `#!/bin/sh\necho ${system.uid ?? 0}\n`, 0o755)
  write(path.join(bin, 'sudo'), `#!/bin/sh\necho "sudo $*" >> ${log}\nexit 1\n`, 0o755)
  write(
    path.join(bin, 'curl'),
    `#!/bin/sh\necho "curl $*" >> ${log}\nout=$3; url=$4\ncp "\${url#file://}" "$out"\n`,
    0o755,
  )
  write(
    path.join(bin, 'make'),
    [
      '#!/bin/sh',
      `echo "make $*" >> ${log}`,
      'for arg; do case "$arg" in PG_CONFIG=*) pg_config=${arg#PG_CONFIG=};; esac; done',
      'case " $* " in',
      '  *" install "*) mkdir -p "$("$pg_config" --sharedir)/extension"; echo "default_version = \'0.8.0\'" > "$("$pg_config" --sharedir)/extension/vector.control";;',
      '  *) [ -f "$("$pg_config" --includedir-server)/postgres.h" ] || { echo "src/bitutils.c:1:10: fatal error: postgres.h: No such file or directory" >&2; exit 2; };;',
      'esac',
      '',
    ].join('\n'),
    0o755,
  )
  // A source tarball of the right shape, with its checksum.
  write(path.join(root, 'src/pgvector-0.8.0/Makefile'), '# stand-in\n')
  const tarball = path.join(root, 'pgvector.tar.gz')
  spawnSync('tar', ['czf', tarball, '-C', path.join(root, 'src'), 'pgvector-0.8.0'])
  const sha256 = crypto.createHash('sha256').update(fs.readFileSync(tarball)).digest('hex')

  const run = () => {
    const result = spawnSync('sh', [script], {
      encoding: 'utf8',
      env: {
        HOME: root,
        NODE_ENV: 'test',
        PATH: `${bin}:/usr/bin:/bin`,
        PG_ROOT: path.join(root, 'lib'),
        PG_SHARE_ROOT: path.join(root, 'share'),
        PGVECTOR_SHA256: sha256,
        PGVECTOR_URL: `file://${tarball}`,
      },
    })
    const calls = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n') : []
    return { calls, status: result.status, stderr: result.stderr, stdout: result.stdout }
  }
  return { root, run }
}

const debian12 = ['postgresql-15', 'postgresql-server-dev-15', 'make', 'gcc', 'curl']

describe('tests/setup/ensureNativePostgres.sh', () => {
  it('installs the server headers when pg_config is there without them (the image as shipped), then builds pgvector', () => {
    const { root, run } = standIn({ available: debian12, defaultMajor: '15', servers: ['15'] })
    expect(fs.existsSync(path.join(root, 'lib/15/bin/pg_config'))).toBe(true)
    const { calls, status, stderr, stdout } = run()
    expect(stderr).not.toContain('fatal error')
    expect(status).toBe(0)
    const install = calls.findIndex(
      (call) => call.startsWith('apt-get install') && call.includes('postgresql-server-dev-15'),
    )
    const build = calls.findIndex((call) => call.startsWith('make') && !call.includes(' install'))
    expect(install).toBeGreaterThanOrEqual(0)
    expect(build).toBeGreaterThan(install)
    expect(calls).toContainEqual(expect.stringMatching(/^make .* install$/))
    expect(fs.readFileSync(path.join(root, 'share/15/extension/vector.control'), 'utf8')).toContain('0.8.0')
    expect(stdout).toContain('pgvector 0.8.0 installed for PostgreSQL 15')
  })

  it('without root or sudo, says in one line what to install and touches nothing', () => {
    const { run } = standIn({ available: debian12, defaultMajor: '15', servers: ['15'], uid: 1000 })
    const { calls, status, stderr, stdout } = run()
    expect(status).toBe(1)
    expect(stdout).toBe('')
    expect(stderr.trim().split('\n')).toHaveLength(1)
    expect(stderr).toContain('postgresql-server-dev-15')
    expect(calls.filter((call) => !call.startsWith('sudo'))).toEqual([])
  })

  it("installs the distribution's pgvector package where there is one, and builds nothing", () => {
    const { root, run } = standIn({
      available: ['postgresql-17', 'postgresql-17-pgvector', 'postgresql-server-dev-17'],
      defaultMajor: '17',
    })
    const { calls, status } = run()
    expect(status).toBe(0)
    expect(calls).toContainEqual(expect.stringMatching(/^apt-get install .*postgresql-17 postgresql-17-pgvector$/))
    expect(calls.some((call) => call.startsWith('make') || call.startsWith('curl'))).toBe(false)
    expect(fs.existsSync(path.join(root, 'lib/17/bin/initdb'))).toBe(true)
  })

  it('says in one line what to install when neither a pgvector package nor server headers are available', () => {
    const { run } = standIn({ available: ['make', 'gcc'], defaultMajor: '16', servers: ['15'] })
    const { calls, status, stderr } = run()
    expect(status).toBe(1)
    expect(stderr.trim().split('\n')).toHaveLength(1)
    expect(stderr).toMatch(/no PostgreSQL with pgvector can be installed .*pgvector/)
    expect(calls.some((call) => call.startsWith('apt-get install') || call.startsWith('make'))).toBe(false)
  })

  it('is quiet and installs nothing when a server with pgvector is there', () => {
    const { run } = standIn({
      available: debian12,
      defaultMajor: '15',
      headers: ['15'],
      pgvector: ['15'],
      servers: ['15'],
    })
    expect(run()).toMatchObject({ calls: [], status: 0, stderr: '', stdout: '' })
  })
})

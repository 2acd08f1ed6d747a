#!/usr/bin/env sh
# The `native` test project runs the integration suite against a real PostgreSQL with pgvector.
# Quiet when one is installed. Otherwise, as root (or with sudo without a password), it installs one
# from Debian's registry: the distribution's pgvector package where there is one (Debian 13:
# postgresql-17-pgvector), else PostgreSQL 15 and its server headers, and builds pgvector 0.8.0 from
# Debian's source tarball (checksum pinned). Each thing the build needs (postgres.h, make, gcc, curl)
# is checked for itself: the image ships pg_config without the headers.
#
# The roots, the apt tools (through PATH) and the tarball's address can be overridden, so
# tests/unit/ensureNativePostgres.test.ts can run this script against a stand-in system.
set -eu
PG_ROOT=${PG_ROOT:-/usr/lib/postgresql}
PG_SHARE_ROOT=${PG_SHARE_ROOT:-/usr/share/postgresql}
PGVECTOR_VERSION=0.8.0
PGVECTOR_URL=${PGVECTOR_URL:-"http://deb.debian.org/debian/pool/main/p/pgvector/pgvector_${PGVECTOR_VERSION}.orig.tar.gz"}
PGVECTOR_SHA256=${PGVECTOR_SHA256:-867a2c328d4928a5a9d6f052cd3bc78c7d60228a9b914ad32aa3db88e9de27b0}
say() { echo "[tests] $*"; }

# Majors with a server installed, newest first.
installed_majors() {
  for bin in "$PG_ROOT"/*/bin/initdb; do [ -x "$bin" ] && basename "$(dirname "$(dirname "$bin")")"; done | sort -rn
}
has_pgvector() { grep -qs "^default_version" "$PG_SHARE_ROOT/$1/extension/vector.control"; }

for major in $(installed_majors); do has_pgvector "$major" && exit 0; done

if [ "$(id -u)" = 0 ]; then run=""; elif sudo -n true 2>/dev/null; then run="sudo"; else
  say "PostgreSQL with pgvector is missing; install postgresql-17-pgvector (Debian 13) or postgresql-15 and postgresql-server-dev-15 (Debian 12, pgvector is then built), or run: sudo sh $0" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
available() { apt-cache show --no-all-versions "$1" >/dev/null 2>&1; }
apt_install() { say "installing $* (Debian packages)"; $run apt-get install -y -qq "$@" >/dev/null; }

$run apt-get update -qq
default_major=$(apt-cache show --no-all-versions postgresql 2>/dev/null | sed -n 's/^Depends:.*postgresql-\([0-9][0-9]*\).*/\1/p' | head -n 1)
candidates=$(printf '%s\n' $(installed_majors) $default_major 15 | awk 'NF && !seen[$0]++')

# 1. A packaged pgvector for a PostgreSQL we have or can get.
for major in $candidates; do
  if available "postgresql-$major-pgvector"; then
    apt_install "postgresql-$major" "postgresql-$major-pgvector"
    has_pgvector "$major" && exit 0
  fi
done

# 2. Build it against a PostgreSQL whose server headers we have or can get.
major=""
for m in $candidates; do
  if available "postgresql-server-dev-$m"; then major=$m; break; fi
done
if [ -z "$major" ]; then
  say "no PostgreSQL with pgvector can be installed from this machine's package lists (tried $(echo $candidates)): install PostgreSQL 15 or newer with pgvector 0.5 or newer, e.g. postgresql-17-pgvector or postgresql-15 with postgresql-server-dev-15" >&2
  exit 1
fi
pg_config="$PG_ROOT/$major/bin/pg_config"
headers_present() { [ -x "$pg_config" ] && [ -f "$("$pg_config" --includedir-server)/postgres.h" ]; }
need=""
[ -x "$PG_ROOT/$major/bin/initdb" ] || need="$need postgresql-$major"
headers_present || need="$need postgresql-server-dev-$major"
command -v make >/dev/null || need="$need make"
command -v gcc >/dev/null || need="$need gcc"
command -v curl >/dev/null || need="$need curl"
# shellcheck disable=SC2086
[ -z "$need" ] || apt_install $need
if ! headers_present; then
  say "postgresql-server-dev-$major is installed but $("$pg_config" --includedir-server)/postgres.h is not there; pgvector cannot be built" >&2
  exit 1
fi

say "building pgvector $PGVECTOR_VERSION for PostgreSQL $major from Debian's source (about 20 s)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
curl -fsSL -o "$work/pgvector.tar.gz" "$PGVECTOR_URL"
echo "$PGVECTOR_SHA256  $work/pgvector.tar.gz" | sha256sum -c - >/dev/null
tar xzf "$work/pgvector.tar.gz" -C "$work"
cd "$work/pgvector-$PGVECTOR_VERSION"
make -s PG_CONFIG="$pg_config" with_llvm=no >/dev/null
$run make -s PG_CONFIG="$pg_config" with_llvm=no install >/dev/null
has_pgvector "$major" || { say "pgvector was built but $PG_SHARE_ROOT/$major/extension/vector.control is missing" >&2; exit 1; }
say "pgvector $PGVECTOR_VERSION installed for PostgreSQL $major"

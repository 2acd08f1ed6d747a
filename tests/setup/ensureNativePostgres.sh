#!/usr/bin/env sh
# The `native` test project runs the integration suite against a real PostgreSQL 15 with pgvector.
# Debian bookworm ships PostgreSQL 15 but no pgvector package, so pgvector 0.8.0 is built from
# Debian's own source tarball (checksum pinned). Quiet when both are installed already; installs them
# when this user may (root, or sudo without a password); otherwise says how.
set -eu
PG_BIN=/usr/lib/postgresql/15/bin
CONTROL=/usr/share/postgresql/15/extension/vector.control
PGVECTOR_VERSION=0.8.0
PGVECTOR_URL="http://deb.debian.org/debian/pool/main/p/pgvector/pgvector_${PGVECTOR_VERSION}.orig.tar.gz"
PGVECTOR_SHA256=867a2c328d4928a5a9d6f052cd3bc78c7d60228a9b914ad32aa3db88e9de27b0

if [ -x "$PG_BIN/initdb" ] && grep -qs "default_version = '$PGVECTOR_VERSION'" "$CONTROL"; then exit 0; fi

if [ "$(id -u)" = 0 ]; then run=""; elif sudo -n true 2>/dev/null; then run="sudo"; else
  echo "[tests] PostgreSQL 15 with pgvector $PGVECTOR_VERSION is missing; run this script as root: sudo sh $0" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive

if [ ! -x "$PG_BIN/initdb" ] || [ ! -x /usr/lib/postgresql/15/bin/pg_config ] || ! command -v make >/dev/null || ! command -v gcc >/dev/null; then
  echo "[tests] installing PostgreSQL 15 (Debian packages, about a minute)"
  $run apt-get update -qq
  $run apt-get install -y -qq postgresql-15 postgresql-server-dev-15 make gcc curl >/dev/null
fi

echo "[tests] building pgvector $PGVECTOR_VERSION from Debian's source (about 20 s)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
curl -fsSL -o "$work/pgvector.tar.gz" "$PGVECTOR_URL"
echo "$PGVECTOR_SHA256  $work/pgvector.tar.gz" | sha256sum -c - >/dev/null
tar xzf "$work/pgvector.tar.gz" -C "$work"
cd "$work/pgvector-$PGVECTOR_VERSION"
make -s PG_CONFIG="$PG_BIN/pg_config" with_llvm=no >/dev/null
$run make -s PG_CONFIG="$PG_BIN/pg_config" with_llvm=no install >/dev/null
echo "[tests] pgvector $PGVECTOR_VERSION installed"

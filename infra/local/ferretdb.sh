#!/usr/bin/env bash
# FerretDB 2 on DocumentDB (PostgreSQL 18), the local MongoDB engine. Called by stack.sh; usable alone.
#
#   ferretdb.sh install   build/install what the cache lacks (idempotent); prints one line saying why not on failure
#   ferretdb.sh check     exit 0 when the cached build is complete and matches the pinned versions
#   ferretdb.sh start     install if needed, start PostgreSQL then FerretDB on 127.0.0.1:MONGO_PORT, wait until it answers
#   ferretdb.sh stop      stop both (pidfiles)
#   ferretdb.sh versions  the versions the cache holds
#
# Build cache (shared by every worktree, outside git): ${C360_CACHE_DIR:-${XDG_CACHE_HOME:-~/.cache}/c360}
#   ferretdb-<version>/bin/ferretdb        `go install github.com/FerretDB/FerretDB/v2/cmd/ferretdb@<version>` (Go module proxy)
#   documentdb-sid/rootfs                  `debootstrap --variant=minbase sid` + postgresql-<major>-documentdb
#   documentdb-sid/installed               the versions installed, compared with the pins at every start
# Data (per stack): ${C360_DATA_DIR:-<repo>/.data}/documentdb-<MONGO_PORT>/{pgdata,run}, ferretdb-<MONGO_PORT>/
#
# Why a chroot: Debian sid is the only reachable registry shipping DocumentDB, and its libc is newer
# than the host's. PostgreSQL runs inside the chroot in a private mount namespace (unshare), so the
# /proc, /dev and data-dir mounts it needs vanish with it and two stacks can share one chroot.
# PostgreSQL listens on a unix socket in the data dir only (no TCP port to collide); FerretDB runs on
# the host and connects through that socket.
#
# Needs root (debootstrap, chroot, mount). Without it, install fails with one line and stack.sh falls
# back to mongo-java-server.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
data=${C360_DATA_DIR:-$root/.data}
cache=${C360_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/c360}
MONGO_PORT=${MONGO_PORT:-27017}

# Pins. FerretDB is pinned exactly (module proxy). sid keeps one version of each package, so the
# DocumentDB pin is checked rather than requested: a different version fails the install (and the
# stack falls back) unless DOCUMENTDB_DEB_VERSION is set to it, or to "any".
FERRETDB_VERSION=${FERRETDB_VERSION:-v2.7.0}
PG_MAJOR=${DOCUMENTDB_PG_MAJOR:-18}
DOCUMENTDB_DEB_VERSION=${DOCUMENTDB_DEB_VERSION:-1.0-0-1}
DEBIAN_MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}

ferretdb_bin=$cache/ferretdb-$FERRETDB_VERSION/bin/ferretdb
chroot_dir=$cache/documentdb-sid
rootfs=$chroot_dir/rootfs
stamp=$chroot_dir/installed
pg_bin=/usr/lib/postgresql/$PG_MAJOR/bin
pgroot=$data/documentdb-$MONGO_PORT
fdb_state=$data/ferretdb-$MONGO_PORT
logs=$data/logs
pids=$data/pids
START_TIMEOUT_S=${STACK_START_TIMEOUT_S:-120}

# The one-line reason a caller prints before falling back.
fail() { echo "ferretdb: $*" >&2; exit 2; }
say() { echo "ferretdb: $*"; }

# --- install -------------------------------------------------------------------------------------------

# The output is read whole first: `| grep -q` would close the pipe early, and under pipefail
# FerretDB's SIGPIPE would fail the check now and then (and trigger a needless rebuild).
ferretdb_ok() {
  local out
  [[ -x $ferretdb_bin ]] && out=$("$ferretdb_bin" --version 2>/dev/null) && [[ $out == *"version: $FERRETDB_VERSION"* ]]
}

chroot_ok() {
  [[ -f $stamp && -x $rootfs$pg_bin/postgres ]] || return 1
  grep -qx "pg_major=$PG_MAJOR" "$stamp" || return 1
  [[ $DOCUMENTDB_DEB_VERSION == any ]] || grep -qx "documentdb=$DOCUMENTDB_DEB_VERSION" "$stamp"
}

check() { ferretdb_ok && chroot_ok; }

# apt and dpkg on the host are shared with other users of the machine: wait for their lock.
apt_host() {
  local attempt
  for attempt in $(seq 1 40); do
    if DEBIAN_FRONTEND=noninteractive apt-get "$@" 2>"$logs/apt-host.err"; then return 0; fi
    grep -q 'Could not get lock\|dpkg frontend lock' "$logs/apt-host.err" || { cat "$logs/apt-host.err" >&2; return 1; }
    sleep 15
  done
  return 1
}

install_ferretdb() {
  ferretdb_ok && return
  command -v go >/dev/null || [[ -x /usr/local/go/bin/go ]] || fail "no Go toolchain to build FerretDB $FERRETDB_VERSION (install Go 1.24+)"
  local go=go started=$SECONDS
  command -v go >/dev/null || go=/usr/local/go/bin/go
  say "building FerretDB $FERRETDB_VERSION with go install (first time only, about 2-10 minutes)"
  # A temporary binary name: a build interrupted half-way never looks like a cached one.
  rm -rf "$cache/ferretdb-$FERRETDB_VERSION.tmp"
  # Retried: on a busy machine a fetch from the module proxy can time out (a TLS handshake timeout was
  # seen), and a failed build would make the stack fall back to the Java engine. Go resumes from its caches.
  local attempt
  for attempt in 1 2 3; do
    GOBIN=$cache/ferretdb-$FERRETDB_VERSION.tmp/bin GOFLAGS=-trimpath nice -n 5 "$go" install \
      "github.com/FerretDB/FerretDB/v2/cmd/ferretdb@$FERRETDB_VERSION" >"$logs/build-ferretdb.log" 2>&1 && break
    grep -q -E 'timeout|connection reset|TLS handshake|i/o timeout|unexpected EOF' "$logs/build-ferretdb.log" && ((attempt < 3)) || {
      tail -n 20 "$logs/build-ferretdb.log" >&2
      fail "go install of FerretDB $FERRETDB_VERSION failed (see $logs/build-ferretdb.log)"
    }
    say "go install of FerretDB failed on the network (attempt $attempt), retrying"
    sleep $((attempt * 10))
  done
  rm -rf "$cache/ferretdb-$FERRETDB_VERSION"
  mv "$cache/ferretdb-$FERRETDB_VERSION.tmp" "$cache/ferretdb-$FERRETDB_VERSION"
  ferretdb_ok || fail "the FerretDB built does not report version $FERRETDB_VERSION"
  say "built FerretDB $FERRETDB_VERSION in $((SECONDS - started))s"
}

in_chroot() { chroot "$rootfs" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"; }

install_chroot() {
  chroot_ok && return
  local started=$SECONDS
  if [[ ! -f $chroot_dir/.bootstrapped ]]; then
    command -v debootstrap >/dev/null || apt_host install -y -qq debootstrap >/dev/null ||
      fail "debootstrap is missing and could not be installed"
    say "creating a Debian sid chroot for DocumentDB under $rootfs (first time only)"
    rm -rf "$rootfs"
    mkdir -p "$chroot_dir"
    if ! nice -n 5 debootstrap --variant=minbase sid "$rootfs" "$DEBIAN_MIRROR" >"$logs/build-debootstrap.log" 2>&1; then
      tail -n 20 "$logs/build-debootstrap.log" >&2
      fail "debootstrap of Debian sid failed (see $logs/build-debootstrap.log)"
    fi
    touch "$chroot_dir/.bootstrapped"
  fi
  # /proc for dpkg's maintainer scripts, only for the install; unmounted whatever happens.
  unshare -m --propagation private bash -euo pipefail -c '
    rootfs=$1; pg_major=$2; pin=$3; log=$4
    mount -t proc proc "$rootfs/proc"
    mount --rbind /dev "$rootfs/dev"
    cp /etc/resolv.conf "$rootfs/etc/resolv.conf" 2>/dev/null || true
    ch() { chroot "$rootfs" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"; }
    # The Release file of a sid mirror copy can be past its Valid-Until date; the signatures are still checked.
    ch apt-get -o Acquire::Check-Valid-Until=false update -qq
    # No cluster is created by the package: the data dir lives outside the chroot, per stack.
    mkdir -p "$rootfs/etc/postgresql-common/createcluster.d"
    echo "create_main_cluster = false" >"$rootfs/etc/postgresql-common/createcluster.d/c360.conf"
    avail=$(ch apt-cache policy "postgresql-$pg_major-documentdb" | awk "/Candidate:/ {print \$2}")
    [[ -n $avail && $avail != "(none)" ]] || { echo "postgresql-$pg_major-documentdb is not in Debian sid any more" >&2; exit 3; }
    [[ $pin == any || $avail == "$pin" ]] || { echo "Debian sid now has postgresql-$pg_major-documentdb $avail, not the pinned $pin (set DOCUMENTDB_DEB_VERSION=$avail to try it)" >&2; exit 3; }
    ch apt-get -o Acquire::Check-Valid-Until=false install -y -qq --no-install-recommends "postgresql-$pg_major-documentdb=$avail"
    ch apt-get clean
  ' _ "$rootfs" "$PG_MAJOR" "$DOCUMENTDB_DEB_VERSION" "$logs/build-documentdb.log" >"$logs/build-documentdb.log" 2>&1 || {
    local why
    why=$(grep -m1 -E 'not in Debian sid|now has postgresql' "$logs/build-documentdb.log" || true)
    [[ -n $why ]] || { tail -n 20 "$logs/build-documentdb.log" >&2; why="installing postgresql-$PG_MAJOR-documentdb in the sid chroot failed (see $logs/build-documentdb.log)"; }
    fail "$why"
  }
  mkdir -p "$rootfs/c360"
  {
    echo "pg_major=$PG_MAJOR"
    echo "documentdb=$(in_chroot dpkg-query -W -f='${Version}' "postgresql-$PG_MAJOR-documentdb")"
    echo "postgresql=$(in_chroot "$pg_bin/postgres" --version | awk '{print $3}')"
    echo "pg_cron=$(in_chroot dpkg-query -W -f='${Version}' "postgresql-$PG_MAJOR-cron" 2>/dev/null || echo '?')"
    echo "installed_at=$(date -u +%FT%TZ)"
  } >"$stamp.tmp"
  mv "$stamp.tmp" "$stamp"
  chroot_ok || fail "installed DocumentDB does not match the pins: $(tr '\n' ' ' <"$stamp")"
  say "installed DocumentDB in the sid chroot in $((SECONDS - started))s: $(grep -E '^(documentdb|postgresql)=' "$stamp" | tr '\n' ' ')"
}

install() {
  [[ $(id -u) == 0 ]] || fail "needs root for debootstrap/chroot/mount (running as $(id -un))"
  command -v unshare >/dev/null || fail "unshare (util-linux) is missing"
  mkdir -p "$cache" "$logs" "$pids"
  # One installer at a time per cache (several worktrees may start their stacks together).
  exec 8>"$cache/.install.lock"
  flock -w 1800 8 || fail "another install holds $cache/.install.lock"
  # The Go build and the chroot are independent: built side by side (about 6 instead of 10 minutes
  # on a loaded 2-core machine).
  local go_pid
  install_ferretdb &
  go_pid=$!
  install_chroot || { wait "$go_pid" || true; exit 2; }
  wait "$go_pid" || exit 2
  exec 8>&-
}

# --- run -----------------------------------------------------------------------------------------------

live() {
  local pidfile=$pids/$1.pid pid
  [[ -f $pidfile ]] || return 1
  pid=$(cat "$pidfile" 2>/dev/null) || return 1
  [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "$2" || return 1
  echo "$pid"
}
pg_live() { live "documentdb-$MONGO_PORT" "$pg_bin/postgres"; }
fdb_live() { live "mongo" "$ferretdb_bin"; }

# Runs a command in PostgreSQL's mount namespace and chroot, as the postgres user.
pg_exec() {
  local pid
  pid=$(pg_live) || fail "PostgreSQL for :$MONGO_PORT is not running"
  nsenter -t "$pid" -m -- chroot --userspec=postgres:postgres "$rootfs" /usr/bin/env -i PATH=/usr/bin:/bin LANG=C.UTF-8 "$@"
}

start_postgres() {
  pg_live >/dev/null || launch_postgres
  # Also when PostgreSQL was already running: a start interrupted before this point leaves it up
  # without the extension, and FerretDB cannot serve without it.
  if [[ ! -f $pgroot/.extension ]]; then
    pg_exec psql -q -h /c360/run -U postgres -d postgres -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION IF NOT EXISTS documentdb CASCADE' \
      >>"$logs/documentdb-$MONGO_PORT.log" 2>&1 || fail "CREATE EXTENSION documentdb failed (see $logs/documentdb-$MONGO_PORT.log)"
    touch "$pgroot/.extension"
  fi
}

launch_postgres() {
  mkdir -p "$pgroot/run" "$logs" "$pids"
  local uid gid
  uid=$(chroot "$rootfs" id -u postgres) gid=$(chroot "$rootfs" id -g postgres)
  chown "$uid:$gid" "$pgroot" "$pgroot/run"
  local mounts='mount -t proc proc "$0/proc"; mount --rbind /dev "$0/dev"; mount --bind "$1" "$0/c360"'
  if [[ ! -f $pgroot/pgdata/PG_VERSION ]]; then
    rm -rf "$pgroot/pgdata"
    unshare -m --propagation private sh -ec "$mounts"'; exec chroot --userspec=postgres:postgres "$0" /usr/bin/env -i PATH=/usr/bin:/bin LANG=C.UTF-8 '"$pg_bin"'/initdb -D /c360/pgdata -U postgres --auth=trust -E UTF8 --no-locale' \
      "$rootfs" "$pgroot" >"$logs/documentdb-initdb.log" 2>&1 || { tail -n 20 "$logs/documentdb-initdb.log" >&2; fail "initdb failed (see $logs/documentdb-initdb.log)"; }
    # DocumentDB's libraries load at start; pg_cron runs its background jobs in the postgres database.
    # No TCP: the socket in run/ is the only way in. Durability traded for speed, as for a dev/test server.
    cat >>"$pgroot/pgdata/postgresql.conf" <<EOF

# c360 (infra/local/ferretdb.sh)
listen_addresses = ''
unix_socket_directories = '/c360/run'
shared_preload_libraries = 'pg_cron,pg_documentdb_core,pg_documentdb'
cron.database_name = 'postgres'
# DocumentDB builds indexes over a libpq connection to itself, by default to host=localhost over TCP.
documentdb.localhost_connection_string = 'host=/c360/run'
cron.host = '/c360/run'
# Journey timelines are documents of several kB, stored compressed (TOAST): lz4 reads back faster than pglz.
default_toast_compression = 'lz4'
max_connections = 300
shared_buffers = '256MB'
fsync = off
synchronous_commit = off
full_page_writes = off
logging_collector = off
EOF
  fi
  [[ -f $logs/documentdb-$MONGO_PORT.log ]] && mv -f "$logs/documentdb-$MONGO_PORT.log" "$logs/documentdb-$MONGO_PORT.log.1"
  # setsid + nohup: outlives this script; 9>&- 8>&-: never holds the callers' locks.
  nohup setsid unshare -m --propagation private sh -ec "$mounts"'; exec chroot --userspec=postgres:postgres "$0" /usr/bin/env -i PATH=/usr/bin:/bin LANG=C.UTF-8 '"$pg_bin"'/postgres -D /c360/pgdata' \
    "$rootfs" "$pgroot" </dev/null >"$logs/documentdb-$MONGO_PORT.log" 2>&1 9>&- 8>&- &
  local launched=$!
  echo "$launched" >"$pids/documentdb-$MONGO_PORT.pid"
  local deadline=$((SECONDS + START_TIMEOUT_S))
  # Alive is checked on the launched pid, not by its command line: until its first exec the child is
  # still a copy of this script, which a busy machine can make last long enough to be seen.
  until [[ -S $pgroot/run/.s.PGSQL.5432 ]] && pg_live >/dev/null && pg_exec "$pg_bin/pg_isready" -q -h /c360/run 2>/dev/null; do
    kill -0 "$launched" 2>/dev/null || { tail -n 20 "$logs/documentdb-$MONGO_PORT.log" >&2; fail "PostgreSQL exited while starting (see $logs/documentdb-$MONGO_PORT.log)"; }
    ((SECONDS < deadline)) || fail "PostgreSQL did not answer within ${START_TIMEOUT_S}s"
    sleep 0.3
  done
}

start_ferretdb() {
  fdb_live >/dev/null && return
  mkdir -p "$fdb_state"
  [[ -f $logs/mongo.log ]] && mv -f "$logs/mongo.log" "$logs/mongo.log.1"
  # No auth (a dev/test server on loopback, like the Java one); no telemetry; no debug HTTP listener,
  # whose fixed port would collide between stacks.
  nohup setsid "$ferretdb_bin" \
    --listen-addr="127.0.0.1:$MONGO_PORT" \
    --postgresql-url="postgres://postgres@/postgres?host=$pgroot/run&pool_max_conns=${FERRETDB_PG_POOL:-50}" \
    --state-dir="$fdb_state" --no-auth --debug-addr=- --telemetry=disable --log-level="${FERRETDB_LOG_LEVEL:-warn}" \
    </dev/null >"$logs/mongo.log" 2>&1 9>&- 8>&- &
  local launched=$!
  echo "$launched" >"$pids/mongo.pid"
  local deadline=$((SECONDS + START_TIMEOUT_S))
  until (exec 3<>"/dev/tcp/127.0.0.1/$MONGO_PORT") 2>/dev/null; do
    kill -0 "$launched" 2>/dev/null || { tail -n 20 "$logs/mongo.log" >&2; fail "FerretDB exited while starting (see $logs/mongo.log)"; }
    ((SECONDS < deadline)) || fail "FerretDB did not listen on :$MONGO_PORT within ${START_TIMEOUT_S}s"
    sleep 0.2
  done
}

start() {
  install
  start_postgres
  start_ferretdb
}

stop() {
  local pid name
  for name in mongo "documentdb-$MONGO_PORT"; do
    if [[ $name == mongo ]]; then pid=$(fdb_live) || pid=; else pid=$(pg_live) || pid=; fi
    if [[ -z $pid ]]; then rm -f "$pids/$name.pid"; continue; fi
    # SIGINT is PostgreSQL's fast shutdown; FerretDB exits on it too.
    kill -INT "$pid"
    local deadline=$((SECONDS + 60))
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
    rm -f "$pids/$name.pid"
    echo "$name: stopped (pid $pid)"
  done
}

versions() {
  echo "ferretdb=$("$ferretdb_bin" --version 2>/dev/null | awk '/^version:/ {print $2}')"
  cat "$stamp" 2>/dev/null
}

case ${1:-} in
  install) install ;;
  check) check ;;
  start) start ;;
  stop) stop ;;
  versions) versions ;;
  pid) fdb_live ;;
  *) echo "usage: ferretdb.sh install|check|start|stop|versions" >&2; exit 1 ;;
esac

#!/usr/bin/env bash
# The local stack on 127.0.0.1, data under ${C360_DATA_DIR:-<repo>/.data}:
#   neo4j  Neo4j Community 5.26 embedded (Bolt only)       NEO4J_PORT (7687)
#   mongo  MONGO_ENGINE=ferretdb (default): FerretDB 2.7 on DocumentDB/PostgreSQL 18 (ferretdb.sh)
#          MONGO_ENGINE=java, or when FerretDB cannot be installed: mongo-java-server 1.47, H2 MVStore backend   MONGO_PORT (27017)
#   redis  Debian's redis-server, noeviction, AOF           REDIS_PORT (6379)
#
#   stack.sh start    start what is not answering yet (idempotent), wait until all answer
#   stack.sh stop     stop the servers this script started (pidfiles), wait for them to exit
#   stack.sh status   one line per server; exits 1 unless all three answer
#   stack.sh restart  stop, then start
#
# STACK_SERVERS (default "neo4j mongo redis") limits any command to some of them: the analytics
# benchmark starts a private mongo with a larger heap this way, under its own data dir and port.
#
# A server that already answers on its port is left alone and reused (status names its engine). The
# Java launchers are built with Maven only when their build is missing or older than their
# pom.xml/src. FerretDB and its DocumentDB chroot are built once into the cache (ferretdb.sh, pinned
# versions checked at every start); when that cannot be done (no root, the sid package gone or
# changed...) the stack prints the reason in one line and runs mongo-java-server instead. See README.md.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
data=${C360_DATA_DIR:-$root/.data}
logs=$data/logs
pids=$data/pids
NEO4J_PORT=${NEO4J_PORT:-7687}
MONGO_PORT=${MONGO_PORT:-27017}
REDIS_PORT=${REDIS_PORT:-6379}
NEO4J_HEAP=${NEO4J_HEAP:-768m}
MONGO_HEAP=${MONGO_HEAP:-512m}
MONGO_ENGINE=${MONGO_ENGINE:-ferretdb}
[[ $MONGO_ENGINE == ferretdb || $MONGO_ENGINE == java ]] || { echo "stack: MONGO_ENGINE must be ferretdb or java, not '$MONGO_ENGINE'" >&2; exit 1; }
export C360_DATA_DIR=$data MONGO_PORT STACK_START_TIMEOUT_S=${STACK_START_TIMEOUT_S:-120}
START_TIMEOUT_S=${STACK_START_TIMEOUT_S:-120}
read -r -a SERVERS <<<"${STACK_SERVERS:-neo4j mongo redis}"
for s in "${SERVERS[@]}"; do [[ $s == neo4j || $s == mongo || $s == redis ]] || { echo "stack: unknown server '$s' in STACK_SERVERS" >&2; exit 1; }; done
wanted() { [[ " ${SERVERS[*]} " == *" $1 "* ]]; }
STOP_TIMEOUT_S=${STACK_STOP_TIMEOUT_S:-60}
JVM_OPTS=(-Xms128m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError -Dfile.encoding=UTF-8
  --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED)

die() { echo "stack: $*" >&2; exit 1; }

require() {
  command -v "$1" >/dev/null 2>&1 || die "'$1' not found on PATH: $2"
}

java_bin() {
  if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]]; then echo "$JAVA_HOME/bin/java"; else echo java; fi
}

require_java() {
  local java major
  java=$(java_bin)
  require "$java" "install a JDK 17 or newer (apt-get install openjdk-17-jdk-headless)"
  major=$("$java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
  [[ ${major%%.*} =~ ^[0-9]+$ && ${major%%.*} -ge 17 ]] ||
    die "'$java' is Java ${major:-unknown}; Neo4j 5 needs a JDK 17 or newer (apt-get install openjdk-17-jdk-headless)"
}

# --- probes (bash /dev/tcp only, no client tools needed) -------------------------------------------

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Bolt handshake: magic 0x6060B017 and four version proposals (5.0-5.8, 4.1-4.4); a Bolt server answers
# with the 4-byte version it picked, anything else closes or answers zeros.
bolt_version() {
  (
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf '\x60\x60\xb0\x17\x00\x08\x08\x05\x00\x03\x04\x04\x00\x00\x00\x00\x00\x00\x00\x00' >&3
    reply=$(timeout 5 dd bs=4 count=1 status=none <&3 | od -An -tx1 | tr -d ' \n')
    [[ $reply =~ ^0000([0-9a-f]{2})([0-9a-f]{2})$ && $reply != 00000000 ]] || exit 1
    echo "$((16#${BASH_REMATCH[2]})).$((16#${BASH_REMATCH[1]}))"
  ) 2>/dev/null
}
bolt_ok() { bolt_version "$1" >/dev/null; }

# MongoDB wire protocol: OP_MSG {ping: 1, $db: "admin"}; the answer must hold ok: 1.0.
mongo_ok() {
  (
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf '\x33\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\xdd\x07\x00\x00\x00\x00\x00\x00\x00\x1e\x00\x00\x00\x10\x70\x69\x6e\x67\x00\x01\x00\x00\x00\x02\x24\x64\x62\x00\x06\x00\x00\x00\x61\x64\x6d\x69\x6e\x00\x00' >&3
    reply=$(timeout 5 dd bs=4096 count=1 status=none <&3 | od -An -tx1 | tr -d ' \n')
    [[ $reply == *016f6b00000000000000f03f* || $reply == *106f6b0001000000* ]]
  ) 2>/dev/null
}

# buildInfo over OP_MSG: prints the engine and version that answer on a port, e.g. "FerretDB 7.0.77"
# (FerretDB names itself in buildInfo) or "MongoDB-compatible 4.4.0" (the Java server does not).
mongo_engine() {
  (
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf '\x38\x00\x00\x00\x02\x00\x00\x00\x00\x00\x00\x00\xdd\x07\x00\x00\x00\x00\x00\x00\x00\x23\x00\x00\x00\x10buildInfo\x00\x01\x00\x00\x00\x02$db\x00\x06\x00\x00\x00admin\x00\x00' >&3
    reply=$(timeout 5 dd bs=8192 count=1 status=none <&3 | tr -cs '[:print:]' '\n')
    version=$(grep -A1 -x version <<<"$reply" | sed -n 2p)
    if grep -qi ferretdb <<<"$reply"; then echo "FerretDB ${version:-?}"; else echo "MongoDB-compatible ${version:-?}"; fi
  ) 2>/dev/null
}

redis_ok() { redis-cli -h 127.0.0.1 -p "$1" ping 2>/dev/null | grep -q PONG; }

# --- pidfiles ----------------------------------------------------------------------------------------

# What identifies each server's process in /proc/<pid>/cmdline.
marker() {
  case $1 in
    neo4j) echo dev.c360.local.Neo4jLauncher ;;
    mongo) echo 'dev.c360.local.MongoLauncher|/bin/ferretdb ' ;;
    redis) echo "redis-server" ;;
  esac
}

# Prints the pid from <name>.pid when that process is alive and is this server (not a reused pid).
live_pid() {
  local name=$1 pidfile=$pids/$1.pid pid
  [[ -f $pidfile ]] || return 1
  pid=$(cat "$pidfile" 2>/dev/null) || return 1
  [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qE "$(marker "$name")" || return 1
  echo "$pid"
}

# --- build ---------------------------------------------------------------------------------------------

# Builds a launcher (thin jar + target/lib) only when its stamp is missing or older than pom.xml/src,
# so warm starts skip Maven entirely.
build_launcher() {
  local name=$1 dir=$here/$1
  local stamp=$dir/target/.built
  if [[ -f $stamp && -f $dir/target/$name-1.0.0.jar && -d $dir/target/lib ]] &&
    [[ -z $(find "$dir/pom.xml" "$dir/src" -newer "$stamp" -print -quit) ]]; then
    return
  fi
  require mvn "install Maven to build $name (apt-get install maven)"
  echo "stack: building $name with Maven (the first build downloads its dependencies from Maven Central)"
  local buildlog=$logs/build-$name.log started=$SECONDS
  # clean: a version bump must not leave the old jars in target/lib on the classpath.
  if ! (cd "$dir" && mvn -q -B -Dstyle.color=never clean package -DskipTests) >"$buildlog" 2>&1; then
    tail -n 40 "$buildlog" >&2
    die "building $name failed (full output: $buildlog)"
  fi
  touch "$stamp"
  echo "stack: built $name in $((SECONDS - started))s"
}

# --- start ---------------------------------------------------------------------------------------------

launched=()

# start_java NAME PORT MAIN_CLASS HEAP [VAR=value ...]
start_java() {
  local name=$1 port=$2 main=$3 heap=$4; shift 4
  local probe=${name}_probe log=$logs/$name.log dir=$here/$name-launcher pid
  if "$probe" "$port"; then
    return
  fi
  if pid=$(live_pid "$name"); then
    # Started earlier and still coming up (or hung): wait for it below rather than start a second one.
    return
  fi
  port_open "$port" && die "$name: 127.0.0.1:$port is taken by something that is not $name (free it or set ${name^^}_PORT)"
  require_java
  build_launcher "$name-launcher"
  [[ -f $log ]] && mv -f "$log" "$log.1"
  # setsid: the server outlives this script and a Ctrl-C in the terminal that ran it; 9>&- keeps
  # the stack lock (fd 9) from being inherited and held for the server's whole life.
  env "$@" nohup setsid "$(java_bin)" "-Xmx$heap" "${JVM_OPTS[@]}" \
    -cp "$dir/target/$name-launcher-1.0.0.jar:$dir/target/lib/*" "$main" </dev/null >"$log" 2>&1 9>&- &
  echo $! >"$pids/$name.pid"
  launched+=("$name")
}

# FerretDB unless MONGO_ENGINE=java or it cannot be installed here; either way one line says which.
start_mongo() {
  local engine=$MONGO_ENGINE why
  if mongo_probe "$MONGO_PORT" || live_pid mongo >/dev/null; then
    return # reused (or still starting): start_java and wait_ready handle both
  fi
  # Its progress lines go to the terminal (fd 3); its failure line is kept for the fallback message.
  if [[ $engine == ferretdb ]] && ! { why=$(bash "$here/ferretdb.sh" install 2>&1 1>&3 9>&-); } 3>&1; then
    echo "stack: FerretDB unavailable, falling back to mongo-java-server: $(tail -n 1 <<<"$why" | sed 's/^ferretdb: //')" >&2
    engine=java
  fi
  if [[ $engine == ferretdb ]]; then
    port_open "$MONGO_PORT" && die "mongo: 127.0.0.1:$MONGO_PORT is taken by something that is not MongoDB (set MONGO_PORT)"
    bash "$here/ferretdb.sh" start 9>&- || die "FerretDB did not start (see $logs/mongo.log and $logs/documentdb-$MONGO_PORT.log)"
    launched+=(mongo)
  else
    start_java mongo "$MONGO_PORT" dev.c360.local.MongoLauncher "$MONGO_HEAP" \
      MONGO_PORT="$MONGO_PORT" MONGO_DATA_FILE="${MONGO_DATA_FILE:-$data/mongo/c360.mv}"
  fi
}

start_redis() {
  local log=$logs/redis.log
  require redis-cli "install Redis (apt-get install redis-server)"
  if redis_ok "$REDIS_PORT"; then
    # Reused: queues need noeviction whatever the server was started with.
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" config set maxmemory-policy noeviction >/dev/null 2>&1 ||
      echo "stack: warning: could not set maxmemory-policy noeviction on the Redis at :$REDIS_PORT" >&2
    return
  fi
  require redis-server "install Redis (apt-get install redis-server)"
  port_open "$REDIS_PORT" && die "redis: 127.0.0.1:$REDIS_PORT is taken by something that is not Redis (set REDIS_PORT)"
  mkdir -p "$data/redis"
  [[ -f $log ]] && mv -f "$log" "$log.1"
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$data/redis" \
    --maxmemory-policy noeviction --save "" --appendonly yes \
    --daemonize yes --pidfile "$pids/redis.pid" --logfile "$log" >/dev/null 9>&- ||
    die "redis-server did not start (see the message above and $log)"
  launched+=(redis)
}

neo4j_probe() { bolt_ok "$1"; }
# A Neo4j launched now is ready once it logged that the default database is open; Bolt may come first.
neo4j_ready() {
  bolt_ok "$NEO4J_PORT" && { ! launched_now neo4j || grep -q "neo4j started" "$logs/neo4j.log" 2>/dev/null; }
}
mongo_probe() { mongo_ok "$1"; }
mongo_ready() { mongo_ok "$MONGO_PORT"; }
redis_ready() { redis_ok "$REDIS_PORT"; }

# wait_ready NAME: polls NAME_ready until it passes, the process dies or the timeout runs out.
wait_ready() {
  local name=$1 log=$logs/$1.log deadline=$((SECONDS + START_TIMEOUT_S))
  until "${name}_ready"; do
    if ((SECONDS >= deadline)); then
      echo "stack: $name did not answer within ${START_TIMEOUT_S}s; last lines of $log:" >&2
      tail -n 40 "$log" >&2 || true
      exit 1
    fi
    if [[ -f $pids/$name.pid ]] && ! live_pid "$name" >/dev/null; then
      sleep 0.5 # redis writes its pidfile a moment after forking
      if ! "${name}_ready" && ! live_pid "$name" >/dev/null; then
        echo "stack: $name exited while starting; last lines of $log:" >&2
        tail -n 40 "$log" >&2 || true
        exit 1
      fi
    fi
    sleep 0.5
  done
}

launched_now() { [[ " ${launched[*]} " == *" $1 "* ]]; }

describe() {
  local name=$1 url=$2 pid how
  if launched_now "$name"; then
    how="started"
  else
    how="already running"
  fi
  if pid=$(live_pid "$name"); then how+=", pid $pid"; else how+=", not started by stack.sh"; fi
  printf '%-5s %-28s %s; log %s\n' "$name" "$url" "$how" "$logs/$name.log"
}

lock() {
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$data/.stack.lock"
    flock -w $((START_TIMEOUT_S + 300)) 9 || die "another stack.sh is still running (lock $data/.stack.lock)"
  fi
}

start() {
  mkdir -p "$logs" "$pids"
  lock
  local started=$SECONDS
  if wanted redis; then start_redis; fi
  if wanted neo4j; then
    start_java neo4j "$NEO4J_PORT" dev.c360.local.Neo4jLauncher "$NEO4J_HEAP" \
      NEO4J_PORT="$NEO4J_PORT" NEO4J_HOME_DIR="$data/neo4j" NEO4J_AUTH_ENABLED="${NEO4J_AUTH_ENABLED:-false}"
  fi
  if wanted mongo; then start_mongo; fi
  local name
  for name in redis mongo neo4j; do if wanted "$name"; then wait_ready "$name"; fi; done
  if wanted neo4j; then describe neo4j "bolt://127.0.0.1:$NEO4J_PORT"; fi
  if wanted mongo; then describe mongo "mongodb://127.0.0.1:$MONGO_PORT ($(mongo_engine "$MONGO_PORT"))"; fi
  if wanted redis; then describe redis "redis://127.0.0.1:$REDIS_PORT"; fi
  echo "stack: ready in $((SECONDS - started))s (data in $data)"
}

# --- stop / status -------------------------------------------------------------------------------------

stop() {
  mkdir -p "$pids"
  lock
  local name pid stopping=()
  for name in "${SERVERS[@]}"; do
    if [[ $name == mongo ]] && pid=$(live_pid mongo) && grep -q /bin/ferretdb "/proc/$pid/cmdline" 2>/dev/null; then
      bash "$here/ferretdb.sh" stop # FerretDB, then its PostgreSQL
    elif pid=$(live_pid "$name"); then
      kill -TERM "$pid"
      stopping+=("$name:$pid")
    else
      rm -f "$pids/$name.pid"
      echo "$name: not running from stack.sh (nothing to stop)"
    fi
  done
  local deadline=$((SECONDS + STOP_TIMEOUT_S)) entry
  for entry in "${stopping[@]}"; do
    name=${entry%%:*} pid=${entry##*:}
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "$name: still running after ${STOP_TIMEOUT_S}s, killing pid $pid" >&2
      kill -KILL "$pid" 2>/dev/null || true
    else
      echo "$name: stopped (pid $pid)"
    fi
    rm -f "$pids/$name.pid"
  done
}

status() {
  local all=0 name port up pid detail
  for name in "${SERVERS[@]}"; do
    case $name in
      neo4j) port=$NEO4J_PORT up=bolt_ok ;;
      mongo) port=$MONGO_PORT up=mongo_ok ;;
      redis) port=$REDIS_PORT up=redis_ok ;;
    esac
    pid=$(live_pid "$name") || pid=
    if "$up" "$port"; then
      detail="up on 127.0.0.1:$port"
      [[ $name == neo4j ]] && detail+=" (bolt $(bolt_version "$port"))"
      [[ $name == mongo ]] && detail+=" ($(mongo_engine "$port"))"
      if [[ -n $pid ]]; then detail+=", pid $pid"; else detail+=", not started by stack.sh"; fi
    elif [[ -n $pid ]]; then
      detail="starting or hung: pid $pid, not answering on 127.0.0.1:$port"; all=1
    elif port_open "$port"; then
      detail="127.0.0.1:$port is open but does not answer as $name"; all=1
    else
      detail="down"; all=1
    fi
    printf '%-5s %s; log %s\n' "$name" "$detail" "$logs/$name.log"
  done
  return $all
}

case ${1:-} in
  start) start ;;
  stop) stop ;;
  restart) stop; start ;;
  status) status ;;
  *) die "usage: stack.sh start|stop|status|restart" ;;
esac

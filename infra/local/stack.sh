#!/usr/bin/env bash
# The local stack: Neo4j Community (embedded, Bolt only), a MongoDB-wire server (mongo-java-server,
# H2 backend) and Redis, all on 127.0.0.1 with data under .data/. Idempotent: a server that already
# answers on its port is left alone (and reused).
#   stack.sh start | stop | status
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
data=${C360_DATA_DIR:-$root/.data}
logs=$data/logs
pids=$data/pids
NEO4J_PORT=${NEO4J_PORT:-7687}
MONGO_PORT=${MONGO_PORT:-27017}
REDIS_PORT=${REDIS_PORT:-6379}
START_TIMEOUT_S=${STACK_START_TIMEOUT_S:-180}
JAVA_OPENS=(--add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED)

die() { echo "stack: $*" >&2; exit 1; }

require() {
  local cmd=$1 hint=$2
  command -v "$cmd" >/dev/null 2>&1 || die "'$cmd' not found: $hint"
}

require_java() {
  require java "install a JDK 17 or newer (apt-get install openjdk-17-jdk-headless)"
  local major
  major=$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
  [[ ${major%%.*} -ge 17 ]] || die "Java $major found; Neo4j 5 needs a JDK 17 or newer"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Builds a launcher only when its jar is missing or older than its sources, so warm starts take seconds.
build_launcher() {
  local name=$1 dir=$here/$1
  local jar=$dir/target/$name-1.0.0.jar
  if [[ -f $jar && -d $dir/target/lib ]] && [[ -z $(find "$dir/pom.xml" "$dir/src" -newer "$jar" -print -quit) ]]; then
    return
  fi
  require mvn "install Maven (apt-get install maven)"
  echo "building $name (first start downloads its dependencies from Maven Central)"
  (cd "$dir" && mvn -q -B -Dstyle.color=never package -DskipTests) || die "building $name failed"
  touch "$jar"
}

wait_until() {
  local name=$1 log=$2; shift 2
  local deadline=$((SECONDS + START_TIMEOUT_S))
  until "$@"; do
    if ((SECONDS > deadline)); then
      echo "stack: $name did not answer within ${START_TIMEOUT_S}s; last lines of $log:" >&2
      tail -n 30 "$log" >&2 || true
      exit 1
    fi
    local pidfile=$pids/$name.pid
    if [[ -f $pidfile ]] && ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      echo "stack: $name exited during start; last lines of $log:" >&2
      tail -n 30 "$log" >&2 || true
      exit 1
    fi
    sleep 0.5
  done
}

start_java() {
  local name=$1 port=$2 main=$3 heap=$4; shift 4
  local log=$logs/$name.log
  if port_open "$port"; then
    echo "$name: already answering on 127.0.0.1:$port (log: $log)"
    return
  fi
  require_java
  build_launcher "$name-launcher"
  local dir=$here/$name-launcher
  env "$@" nohup java "-Xmx$heap" -XX:+UseSerialGC "${JAVA_OPENS[@]}" \
    -cp "$dir/target/$name-launcher-1.0.0.jar:$dir/target/lib/*" "$main" >"$log" 2>&1 &
  echo $! >"$pids/$name.pid"
}

redis_ping() { redis-cli -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; }

start_redis() {
  local log=$logs/redis.log
  if redis_ping; then
    echo "redis: already answering on 127.0.0.1:$REDIS_PORT"
    redis-cli -p "$REDIS_PORT" config set maxmemory-policy noeviction >/dev/null
    return
  fi
  require redis-server "install Redis (apt-get install redis-server)"
  mkdir -p "$data/redis"
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$data/redis" --maxmemory-policy noeviction \
    --save "" --appendonly yes --daemonize yes --pidfile "$pids/redis.pid" --logfile "$log"
}

# The launcher logs "neo4j started" once the default database is open; the port alone may come first.
bolt_ready() {
  grep -q "neo4j started" "$logs/neo4j.log" 2>/dev/null && port_open "$NEO4J_PORT"
}
mongo_ready() { grep -q "listening on" "$logs/mongo.log" 2>/dev/null && port_open "$MONGO_PORT"; }

start() {
  mkdir -p "$logs" "$pids"
  start_redis
  start_java neo4j "$NEO4J_PORT" dev.c360.local.Neo4jLauncher 768m \
    NEO4J_PORT="$NEO4J_PORT" NEO4J_HOME_DIR="$data/neo4j" NEO4J_AUTH_ENABLED="${NEO4J_AUTH_ENABLED:-false}"
  start_java mongo "$MONGO_PORT" dev.c360.local.MongoLauncher 768m \
    MONGO_PORT="$MONGO_PORT" MONGO_DATA_FILE="$data/mongo/c360.mv"
  wait_until redis "$logs/redis.log" redis_ping
  echo "redis: ready on redis://127.0.0.1:$REDIS_PORT (log: $logs/redis.log)"
  port_open "$MONGO_PORT" || wait_until mongo "$logs/mongo.log" mongo_ready
  echo "mongo: ready on mongodb://127.0.0.1:$MONGO_PORT (log: $logs/mongo.log)"
  port_open "$NEO4J_PORT" || wait_until neo4j "$logs/neo4j.log" bolt_ready
  wait_until neo4j "$logs/neo4j.log" port_open "$NEO4J_PORT"
  echo "neo4j: ready on bolt://127.0.0.1:$NEO4J_PORT (log: $logs/neo4j.log)"
}

stop_one() {
  local name=$1 pidfile=$pids/$1.pid
  [[ -f $pidfile ]] || { echo "$name: not started by this script"; return; }
  local pid
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    echo "$name: stopped"
  fi
  rm -f "$pidfile"
}

status() {
  port_open "$NEO4J_PORT" && echo "neo4j: up on 127.0.0.1:$NEO4J_PORT" || echo "neo4j: down"
  port_open "$MONGO_PORT" && echo "mongo: up on 127.0.0.1:$MONGO_PORT" || echo "mongo: down"
  redis_ping && echo "redis: up on 127.0.0.1:$REDIS_PORT" || echo "redis: down"
}

case ${1:-} in
  start) start ;;
  stop) stop_one neo4j; stop_one mongo; stop_one redis ;;
  status) status ;;
  *) die "usage: stack.sh start|stop|status" ;;
esac

# Sourced by the scripts in this folder: finds Java, builds the jars when they are missing, and holds the JVM flags
# (read from the one place they are kept: shared/src/main/resources/forecastfarm/jvm*.options).
FARM_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAVA_BIN="${JAVA_HOME:+$JAVA_HOME/bin/}java"
command -v "$JAVA_BIN" >/dev/null 2>&1 || { echo "error: no java found (set JAVA_HOME or put java on PATH)" >&2; exit 101; }

LAUNCHER_JAR="$FARM_HOME/launcher/target/forecast-farm-launcher.jar"
WORKER_JAR="$FARM_HOME/worker/target/forecast-farm-worker.jar"
# The benchmarks are test sources, packed apart from the jars users run; scripts/bench* put them in front.
LAUNCHER_BENCH_JAR="$FARM_HOME/launcher/target/forecast-farm-launcher-bench.jar"
WORKER_BENCH_JAR="$FARM_HOME/worker/target/forecast-farm-worker-bench.jar"

farm_build_if_missing() {
  if [ ! -f "$LAUNCHER_JAR" ] || [ ! -f "$WORKER_JAR" ] || [ -n "${FARM_REBUILD:-}" ] ||
    { [ -n "${FARM_NEEDS_BENCH:-}" ] && { [ ! -f "$LAUNCHER_BENCH_JAR" ] || [ ! -f "$WORKER_BENCH_JAR" ]; }; }; then
    echo "building Forecast Farm (first run)..." >&2
    (cd "$FARM_HOME" && mvn -q -B -DskipTests install) >&2 || { echo "error: build failed" >&2; exit 110; }
  fi
}

# Class data sharing for workers: an archive of the classes a worker loads, made once per Java build and
# worker jar, halves a worker's start-up. Sets FARM_WORKER_PROPS for the launcher.
farm_worker_cds() {
  local vm
  vm=$("$JAVA_BIN" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.vm.version/ {print $2}' | tr -c 'A-Za-z0-9.\n-' '_')
  local archive="$FARM_HOME/worker/target/cds/worker-$vm.jsa"
  FARM_WORKER_PROPS=()
  [ "${FARM_WORKER_CDS:-on}" = off ] && return 0
  if [ ! -f "$archive" ] || [ "$WORKER_JAR" -nt "$archive" ]; then
    mkdir -p "$(dirname "$archive")"
    "$JAVA_BIN" "${FARM_JAVA_FLAGS[@]}" -XX:ArchiveClassesAtExit="$archive.tmp" -Xlog:cds=off -Xlog:cds+dynamic=off \
      -cp "$WORKER_JAR" forecastfarm.worker.CdsTraining >/dev/null 2>&1 && mv -f "$archive.tmp" "$archive" || rm -f "$archive.tmp"
  fi
  [ -f "$archive" ] && FARM_WORKER_PROPS+=("-Dfarm.worker.cds.archive=$archive")
  return 0
}

# The Java feature version (17, 25, ...) of $1 (a java binary), from its runtime's release file: no JVM started.
farm_java_feature() {
  local home version
  home=$(dirname "$(dirname "$(readlink -f "$(command -v "$1")")")")
  version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release" 2>/dev/null)
  if [ -z "$version" ]; then
    version=$("$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
  fi
  echo "${version%%.*}"
}

farm_java_flags() {
  local options_dir="$FARM_HOME/shared/src/main/resources/forecastfarm"
  FARM_JAVA_FLAGS=("@$options_dir/jvm.options")
  if [ "$(farm_java_feature "$JAVA_BIN")" -ge 23 ] 2>/dev/null; then
    FARM_JAVA_FLAGS+=("@$options_dir/jvm-23.options")
  fi
}

# Benchmarks read ../shared/data (beside the repository), which a plain clone does not have.
farm_require_shared_data() {
  local dir="$1" file="$2"
  if [ ! -f "$dir/$file" ]; then
    echo "error: $dir/$file not found: this benchmark needs the shared data set beside the repository" >&2
    echo "       (../shared/data, or point --data at a folder holding $file)" >&2
    exit 2
  fi
}

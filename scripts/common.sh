# Sourced by the scripts in this folder: finds Java, builds the jars when they are missing, and holds the JVM flags
# (read from the one place they are kept: shared/src/main/resources/forecastfarm/jvm*.options).
FARM_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAVA_BIN="${JAVA_HOME:+$JAVA_HOME/bin/}java"
command -v "$JAVA_BIN" >/dev/null 2>&1 || { echo "error: no java found (set JAVA_HOME or put java on PATH)" >&2; exit 101; }

LAUNCHER_JAR="$FARM_HOME/launcher/target/forecast-farm-launcher.jar"
WORKER_JAR="$FARM_HOME/worker/target/forecast-farm-worker.jar"
# The ONNX plugin, built on demand only (mvn -q -DskipTests package -pl worker/onnx -am); the launcher adds it to the
# workers' classpath when a --model names onnx, and refuses with that command when it is missing.
ONNX_PLUGIN_JAR="$FARM_HOME/worker/onnx/target/forecast-farm-onnx.jar"
# The benchmarks are test sources, packed apart from the jars users run; scripts/bench* put them in front.
LAUNCHER_BENCH_JAR="$FARM_HOME/launcher/target/forecast-farm-launcher-bench.jar"
WORKER_BENCH_JAR="$FARM_HOME/worker/target/forecast-farm-worker-bench.jar"

farm_build_if_missing() {
  if [ ! -f "$LAUNCHER_JAR" ] || [ ! -f "$WORKER_JAR" ] || [ -n "${FARM_REBUILD:-}" ] ||
    { [ -n "${FARM_NEEDS_BENCH:-}" ] && { [ ! -f "$LAUNCHER_BENCH_JAR" ] || [ ! -f "$WORKER_BENCH_JAR" ]; }; }; then
    local start=$EPOCHREALTIME
    echo "building the farm's jars (first run only, about a minute)..." >&2
    # -Djansi.noreset: Maven's console library writes colour resets (ESC[0m) even with -B and style.color=never.
    # package, not install: the reactor resolves the modules, and the user's ~/.m2 is left alone. The ONNX plugin
    # (worker/onnx, ONNX Runtime's 93 MB jar) is not built here: a farm that runs no pretrained model never needs it.
    # Its output is shown only when it fails (the build's own steps print a few lines even with -q).
    local build_log
    build_log=$(mktemp "${TMPDIR:-/tmp}/forecast-farm-build.XXXXXX")
    if ! (cd "$FARM_HOME" && MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true" \
      mvn -q -B -ntp -Dstyle.color=never -DskipTests -pl shared,worker,launcher package) > "$build_log" 2>&1; then
      cat "$build_log" >&2
      echo "error: build failed (the output above is kept in $build_log)" >&2
      exit 110
    fi
    rm -f "$build_log"
    echo "built in $(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", b - a }') s" >&2
  fi
}

# Class data sharing: archives of the classes the launcher and the workers load, made by one training job after
# each build (a few seconds, said on the console) and mapped by every JVM after it: a JVM's start roughly halves.
# The launcher keys the workers' archive itself (Java, flags, every classpath jar), so a new jar gets a new one.
# Sets FARM_LAUNCHER_FLAGS (the launcher's JVM flags) and FARM_WORKER_PROPS (the launcher's settings for workers).
# FARM_CLASS_CACHE=off starts every JVM without an archive. A failed training only means slower starts.
farm_class_caches() {
  local options_dir="$FARM_HOME/shared/src/main/resources/forecastfarm"
  local cache_dir="$FARM_HOME/launcher/target/class-cache"
  FARM_LAUNCHER_FLAGS=("@$options_dir/launcher-jvm.options")
  if [ "${FARM_CLASS_CACHE:-on}" = off ]; then
    FARM_WORKER_PROPS=("-Dfarm.worker.cache.dir=off")
    return 0
  fi
  FARM_WORKER_PROPS=("-Dfarm.worker.cache.dir=$cache_dir")
  farm_java_release
  local archive="$cache_dir/launcher-$FARM_JAVA_RUNTIME.jsa"
  if { [ ! -f "$archive" ] || [ "$LAUNCHER_JAR" -nt "$archive" ] || [ "$WORKER_JAR" -nt "$archive" ]; } &&
    { [ ! -f "$archive.failed" ] || [ "$LAUNCHER_JAR" -nt "$archive.failed" ] || [ "$WORKER_JAR" -nt "$archive.failed" ]; }; then
    local start=$EPOCHREALTIME
    echo "building the class caches for this build and Java (once; a few seconds)..." >&2
    mkdir -p "$cache_dir"
    rm -f "$archive" "$archive.failed"
    if "$JAVA_BIN" "${FARM_JAVA_FLAGS[@]}" "${FARM_LAUNCHER_FLAGS[@]}" -XX:ArchiveClassesAtExit="$archive.tmp" \
      -Xlog:cds=off -Xlog:cds+dynamic=off "${FARM_WORKER_PROPS[@]}" -Dfarm.worker.classpath="$WORKER_JAR" \
      -cp "$LAUNCHER_JAR" forecastfarm.launcher.ClassCacheTraining > "$cache_dir/training.log" 2>&1 &&
      mv -f "$archive.tmp" "$archive"; then
      echo "class caches built in $(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }') s" >&2
    else
      rm -f "$archive.tmp"
      touch "$archive.failed"
      echo "warning: could not build the class caches (see $cache_dir/training.log); JVMs start without them" >&2
    fi
  fi
  if [ -f "$archive" ]; then
    FARM_LAUNCHER_FLAGS+=("@$options_dir/class-cache.options" "-XX:SharedArchiveFile=$archive")
  fi
  return 0
}

# Reads the release file of $JAVA_BIN's runtime once (bash builtins only: every script start pays this) and sets
# FARM_JAVA_RUNTIME (the exact runtime, a file-name-safe word) and FARM_JAVA_FEATURE (17, 25, ...). No JVM started.
farm_java_release() {
  [ -n "${FARM_JAVA_FEATURE:-}" ] && return 0
  local bin home key value
  bin=$(command -v "$JAVA_BIN")
  home=$(readlink -f "$bin")
  home=${home%/bin/*}
  FARM_JAVA_RUNTIME=unknown
  FARM_JAVA_FEATURE=""
  if [ -r "$home/release" ]; then
    while IFS='=' read -r key value; do
      value=${value#\"}
      value=${value%\"}
      case "$key" in
        JAVA_RUNTIME_VERSION) FARM_JAVA_RUNTIME=${value//[^A-Za-z0-9.-]/_} ;;
        JAVA_VERSION) FARM_JAVA_FEATURE=${value%%[!0-9]*} ;;
      esac
    done < "$home/release"
  fi
  if [ -z "$FARM_JAVA_FEATURE" ]; then
    value=$("$JAVA_BIN" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
    FARM_JAVA_FEATURE=${value%%.*}
  fi
}

farm_java_flags() {
  local options_dir="$FARM_HOME/shared/src/main/resources/forecastfarm"
  FARM_JAVA_FLAGS=("@$options_dir/jvm.options")
  farm_java_release
  if [ "${FARM_JAVA_FEATURE:-0}" -ge 23 ] 2>/dev/null; then
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

#!/usr/bin/env bash
# The pause of every module swap under load, through the module manager (SwapBenchmark).
# Argument: swaps per module (default 10). Needs the distribution built: mvn -o install -DskipTests.
set -euo pipefail
if [ $# -eq 0 ]; then set -- 10; fi
cd "$(dirname "$0")"
mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/benchmark.classpath -Dmdep.includeScope=test
exec java -Dosmos.home="$PWD/../osmos/target/osmos" \
  -cp "target/test-classes:$(cat target/benchmark.classpath)" io.osmos.itests.SwapBenchmark "$@"

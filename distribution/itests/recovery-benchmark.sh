#!/usr/bin/env bash
# Recovery after SIGKILL of the agent, then of the master, with N tasks running (RecoveryBenchmark).
# Arguments are task counts (default 100 1000). Needs the distribution built: mvn -o install -DskipTests.
set -euo pipefail
if [ $# -eq 0 ]; then set -- 100 1000; fi
cd "$(dirname "$0")"
mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/benchmark.classpath -Dmdep.includeScope=test
exec java -Dosmos.home="$PWD/../osmos/target/osmos" \
  -cp "target/test-classes:$(cat target/benchmark.classpath)" io.osmos.itests.RecoveryBenchmark "$@"

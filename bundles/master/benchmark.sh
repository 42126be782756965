#!/usr/bin/env bash
# Runs the master state-query benchmark (StateQueryBenchmark) in one JVM; arguments are agent counts.
# Needs the project installed first: mvn -o install -DskipTests (or a normal build).
set -euo pipefail
cd "$(dirname "$0")"
mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/benchmark.classpath -Dmdep.includeScope=test
exec java -Xms14g -Xmx14g -XX:+UseParallelGC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "target/test-classes:target/classes:$(cat target/benchmark.classpath)" \
  io.osmos.master.impl.StateQueryBenchmark "$@"

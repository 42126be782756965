#!/usr/bin/env bash
# Proves that the build refuses a breaking SPI change: copies bundles/api into a scratch directory,
# changes Isolator.isolate(ContainerConfig, long) to take an int pid and removes Resources' public
# API method 'parse', keeps the package versions as they are, and builds the copy (offline) against
# baseline/io.osmos.api.jar. Succeeds when that build fails with bnd's baseline report of a MAJOR
# change in both packages. Needs the reactor's proto jar (proto/target), as after 'mvn package'.
#   baseline/check-breaking-change.sh [scratch-dir]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
scratch=${1:-$root/bundles/api/target/baseline-check}
proto_jar=$(ls "$root"/proto/target/io.osmos.proto-*.jar 2>/dev/null | grep -v -E 'sources|tests' | head -1 || true)
[ -n "$proto_jar" ] || { echo "No proto/target/io.osmos.proto-*.jar: build first (mvn package)"; exit 2; }
rm -rf "$scratch" && mkdir -p "$scratch"
cp -r "$root/bundles/api/pom.xml" "$root/bundles/api/bnd.bnd" "$root/bundles/api/src" "$scratch/"
rm -rf "$scratch/src/test"
# The copy's parent is the real one; io.osmos.proto comes from the reactor's jar, not from a repository.
sed -i -e "s#<relativePath>../../pom.xml</relativePath>#<relativePath>$root/pom.xml</relativePath>#" \
  -e "s#<dependency><groupId>io.osmos</groupId><artifactId>io.osmos.proto</artifactId></dependency>#<dependency><groupId>io.osmos</groupId><artifactId>io.osmos.proto</artifactId><scope>system</scope><systemPath>$proto_jar</systemPath></dependency>#" \
  "$scratch/pom.xml"
grep -q "<systemPath>" "$scratch/pom.xml" || { echo "Could not point the copy at $proto_jar"; exit 2; }
# The breaking changes, with no version bump: a changed abstract method and a removed public one.
isolator="$scratch/src/main/java/io/osmos/api/isolation/Isolator.java"
sed -i 's/CompletionStage<Void> isolate(ContainerConfig container, long pid);/CompletionStage<Void> isolate(ContainerConfig container, int pid);/' "$isolator"
grep -q 'int pid' "$isolator" || { echo "Isolator.isolate not found in $isolator"; exit 2; }
resources="$scratch/src/main/java/io/osmos/api/resources/Resources.java"
sed -i 's/    public static Resources parse(String text)/    static Resources parse(String text)/' "$resources"
grep -q '^    static Resources parse' "$resources" || { echo "Resources.parse not found in $resources"; exit 2; }
log="$scratch/build.log"
set +e
mvn -B -ntp -o -f "$scratch/pom.xml" verify -DskipTests -Dosmos.api.baseline.jar="$root/baseline/io.osmos.api.jar" \
  ${MAVEN_REPO_LOCAL:+-Dmaven.repo.local=$MAVEN_REPO_LOCAL} > "$log" 2>&1
status=$?
set -e
grep -E "Baseline problems|BUILD|\* io.osmos" "$log" | head -20
if [ $status -eq 0 ]; then
  echo "FAIL: the build accepted a breaking change (log: $log)"; exit 1
fi
for package in io.osmos.api.isolation io.osmos.api.resources; do
  grep -qE "\\* $package +PACKAGE +MAJOR" "$log" && grep -q "Baseline problems detected" "$log" \
    || { echo "FAIL: no baseline mismatch reported for $package (log: $log)"; exit 1; }
done
echo "OK: the breaking change to io.osmos.api.isolation and io.osmos.api.resources failed the build: bnd reports a MAJOR change with an unchanged package version"

#!/usr/bin/env bash
# Rebuilds baseline/io.osmos.api.jar, the API every later build is baselined against, from a git ref
# (default: HEAD, i.e. the last commit, never uncommitted work). Run it when an API release is cut:
#   baseline/update.sh v1.0.0 && git add baseline && git commit -m 'API baseline: v1.0.0'
# The bundle is built from a clean export of that ref (git archive), offline when ~/.m2 has what it needs.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ref=${1:-HEAD}
commit=$(git -C "$root" rev-parse --verify "$ref^{commit}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git -C "$root" archive "$commit" | tar -x -C "$work"
mvn -B -ntp -q ${MVN_OFFLINE:--o} -f "$work/pom.xml" -pl proto,bundles/api -am package \
  -DskipTests -Dbnd.baseline.skip=true
cp "$work/bundles/api/target/io.osmos.api-"*.jar "$root/baseline/io.osmos.api.jar"
printf 'ref=%s\ncommit=%s\n' "$ref" "$commit" > "$root/baseline/io.osmos.api.properties"
echo "baseline/io.osmos.api.jar now holds io.osmos.api as of $ref ($commit)"
unzip -p "$root/baseline/io.osmos.api.jar" META-INF/MANIFEST.MF | tr -d '\r' | sed -n '/^Export-Package/,/^[A-Z][^ ]*:/p' | head -20

#!/usr/bin/env bash
# Creates a new isolator plugin project from isolator-plugins/template (in a distribution:
# templates/isolator), ready to build against this Osmos distribution:
#   osmos-new-isolator --name acme/quota --package com.acme.quota [--artifact com.acme.quota] \
#     [--class QuotaIsolator] [--group com.acme] --out ~/src/acme-quota
# Then: cd ~/src/acme-quota && mvn verify
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if [ -d "$here/../templates/isolator" ]; then            # bin/ of a distribution
  template="$here/../templates/isolator"; home=$(cd "$here/.." && pwd)
else                                                   # isolator-plugins/ of the source tree
  template="$here/template"; home=$(cd "$here/../distribution/osmos/target/osmos" 2>/dev/null && pwd || echo "/path/to/osmos")
fi
name= package= artifact= class= group= out=
while [ $# -gt 0 ]; do
  case "$1" in
    --name) name=$2; shift 2;; --package) package=$2; shift 2;; --artifact) artifact=$2; shift 2;;
    --class) class=$2; shift 2;; --group) group=$2; shift 2;; --out) out=$2; shift 2;;
    --osmos-home) home=$2; shift 2;;
    *) echo "Unknown argument $1"; sed -n '2,7p' "${BASH_SOURCE[0]}"; exit 2;;
  esac
done
[ -n "$name" ] && [ -n "$package" ] && [ -n "$out" ] || { sed -n '2,7p' "${BASH_SOURCE[0]}"; exit 2; }
[[ "$name" =~ ^[a-z0-9_-]+/[a-z0-9_-]+$ ]] || { echo "--name is <kind>/<what>, e.g. acme/quota"; exit 2; }
[[ "$package" =~ ^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*$ ]] || { echo "--package must be a Java package name"; exit 2; }
artifact=${artifact:-$package}
group=${group:-${package%.*}}
if [ -z "$class" ]; then     # acme/quota -> QuotaIsolator
  class=""
  for part in $(echo "${name#*/}" | tr -- '-_' '  '); do class+="$(echo "${part:0:1}" | tr a-z A-Z)${part:1}"; done
  class+="Isolator"
fi
[ ! -e "$out" ] || [ -z "$(ls -A "$out")" ] || { echo "$out exists and is not empty"; exit 2; }
mkdir -p "$out"
cp -r "$template/." "$out/"
src_path=${package//.//}
for dir in "$out/src/main/java" "$out/src/test/java"; do
  mkdir -p "$dir/$src_path"
  for f in "$dir/__PACKAGE_PATH__/"*; do
    mv "$f" "$dir/$src_path/$(basename "$f" | sed "s/__CLASS__/$class/")"
  done
  rmdir "$dir/__PACKAGE_PATH__"
done
find "$out" -type f \( -name '*.java' -o -name '*.xml' -o -name '*.md' -o -name '*.bnd' \) -exec sed -i \
  -e "s#__PACKAGE__#$package#g" -e "s#__CLASS__#$class#g" -e "s#__ISOLATOR_NAME__#$name#g" \
  -e "s#__ARTIFACT_ID__#$artifact#g" -e "s#__GROUP_ID__#$group#g" -e "s#__OSMOS_HOME__#$home#g" \
  -e "s#__MARKER__#${name//\//-}#g" {} +
echo "Created $out: isolator $name ($package.$class), building against $home"
echo "Next: cd $out && mvn verify"

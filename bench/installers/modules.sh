#!/usr/bin/env bash
# bench/installers/modules.sh : the modules ObitoX's jars need according to jdeps, compared with the modules of the
# app-image's runtime (packaging/common/jlink.args and what those require). Run after `mvn -B -DskipTests -Pinstallers package` (uses target/classes
# and target/installer-libs). Exits 1 when jdeps finds a module the runtime leaves out; modules in the list that
# jdeps does not name are printed as "added by hand" (service providers and modules loaded by name, see jlink.args).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
jdk=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
libs=target/installer-libs
[ -d target/classes/io/obitox ] && [ -d "$libs" ] || { echo "run mvn -B -DskipTests -Pinstallers package first" >&2; exit 2; }

jars=()
for f in "$libs"/*.jar; do
    case ${f##*/} in javafx-* | commons-logging-*) ;; *) jars+=("$f") ;; esac
done
fx=$(ls "$libs"/javafx-*-linux.jar | paste -sd: -)
found=$("$jdk/bin/jdeps" --multi-release 17 --ignore-missing-deps --print-module-deps \
    --module-path "$fx" target/classes "${jars[@]}" 2>/dev/null | tail -n 1 | tr ',' '\n' | sort -u)
# what the runtime really holds (the named modules and what they require), from the app-image's release file
release=target/dist/ObitoX/lib/runtime/release
[ -f "$release" ] || { echo "no app-image runtime at $release" >&2; exit 2; }
listed=$(sed -n 's/^MODULES="\(.*\)"/\1/p' "$release" | tr ' ' '\n' | sort -u)

echo "jdeps: $(echo "$found" | paste -sd, -)"
missing=$(comm -23 <(echo "$found") <(echo "$listed"))
extra=$(comm -13 <(echo "$found") <(echo "$listed"))
[ -z "$extra" ] || echo "in the runtime besides (by hand or required by another): $(echo "$extra" | paste -sd, -)"
if [ -n "$missing" ]; then
    echo "MISSING from the runtime (add to packaging/common/jlink.args): $(echo "$missing" | paste -sd, -)"
    exit 1
fi
echo "OK: every module jdeps finds is in the runtime"

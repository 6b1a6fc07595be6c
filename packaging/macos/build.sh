#!/usr/bin/env bash
# packaging/macos/build.sh : the macOS app bundle, .dmg and .pkg of ObitoX. Runs on macOS only (jpackage builds for
# the system it runs on); needs a JDK 17+ with jmods (JAVA_HOME), Maven 3.8.7+ and the Xcode command line tools.
#
#   bash packaging/macos/build.sh             # app bundle, .dmg and .pkg
#   OBITOX_PACKAGE_TYPES=dmg bash packaging/macos/build.sh
#
# Output: target/dist/ObitoX.app and target/installer/ObitoX-VERSION.dmg and .pkg. Unsigned unless
# OBITOX_MAC_SIGN_ID names a "Developer ID Application" identity in the keychain (then --mac-sign is used;
# notarization is a separate step: xcrun notarytool submit ... --wait).
# The command line: /Applications/ObitoX.app/Contents/MacOS/ObitoX --version (link it into the PATH as obitox).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
die() {
    echo "[installers] ERROR: $*" >&2
    exit 1
}
[ "$(uname -s)" = Darwin ] || die "this builds macOS packages; on Linux use mvn -B -DskipTests -Pinstallers package"
jdk=${JAVA_HOME:?set JAVA_HOME to a JDK 17+ with jmods}
[ -d "$jdk/jmods" ] || die "$jdk/jmods is missing: jlink needs the JDK's jmods"
types=${OBITOX_PACKAGE_TYPES:-dmg pkg}

pom_version=$(sed -n 's|^  <version>\(.*\)</version>|\1|p' pom.xml | head -n 1)
version=${pom_version%-SNAPSHOT}
[[ $version =~ ^[0-9]+(\.[0-9]+){0,2}$ ]] || die "version '$pom_version' is not numeric"
# macOS bundles need a first number of at least 1; 0.x versions are given as 1.0.0 unless OBITOX_MAC_VERSION says
mac_version=${OBITOX_MAC_VERSION:-$version}
if [ "${mac_version%%.*}" = 0 ]; then
    echo "[installers] WARNING: macOS needs a version >= 1; using 1.0.0 for $version (set OBITOX_MAC_VERSION)" >&2
    mac_version=1.0.0
fi

mvn -B -DskipTests -Pinstallers -Dinstallers.linux.skip=true package

target=$root/target
work=$target/jpackage
rm -rf "$work" "$target/dist" "$target/installer"
mkdir -p "$work/input" "$work/javafx" "$target/installer"
"$jdk/bin/jar" --create --file "$work/input/obitox.jar" -C target/classes . # ObitoX's own classes
for f in target/installer-libs/*.jar; do
    case ${f##*/} in
        javafx-*-mac*.jar) cp "$f" "$work/javafx/" ;; # mac (x64) or mac-aarch64, as Maven chose for this machine
        javafx-*) ;;
        commons-logging-*) ;; # jcl-over-slf4j has the same classes
        *) cp "$f" "$work/input/" ;;
    esac
done

echo "[installers] jlink: trimmed runtime with JavaFX modules"
"$jdk/bin/jlink" @packaging/common/jlink.args --module-path "$jdk/jmods:$work/javafx" \
    --exclude-resources='glob:/javafx.graphics/*.dylib,glob:/javafx.graphics/*.jar' --strip-native-commands \
    --output "$work/runtime"
graphics=$(ls "$work"/javafx/javafx-graphics-*.jar)
(cd "$work/runtime/lib" && "$jdk/bin/jar" xf "$graphics" $("$jdk/bin/jar" tf "$graphics" | grep -E '^lib[^/]*\.dylib$'))

sign=()
if [ -n "${OBITOX_MAC_SIGN_ID:-}" ]; then
    sign=(--mac-sign --mac-signing-key-user-name "$OBITOX_MAC_SIGN_ID")
fi
echo "[installers] jpackage: app bundle $mac_version"
"$jdk/bin/jpackage" @packaging/common/jpackage.args @packaging/macos/jpackage.args "${sign[@]}" \
    --type app-image --app-version "$mac_version" --input "$work/input" --runtime-image "$work/runtime" \
    --dest "$target/dist"
for type in $types; do
    echo "[installers] jpackage: .$type"
    "$jdk/bin/jpackage" --type "$type" --app-image "$target/dist/ObitoX.app" --name ObitoX \
        --app-version "$mac_version" --vendor ObitoX "${sign[@]}" --dest "$target/installer"
done
ls -l "$target/installer"

#!/usr/bin/env bash
# packaging/linux/build.sh VERSION : the Linux app-image, .deb and .rpm of ObitoX.
#
# Run by `mvn -B -DskipTests -Pinstallers package`, which first compiles ObitoX (target/classes) and copies the
# runtime dependencies to target/installer-libs/. By hand after that build:
#     bash packaging/linux/build.sh 0.1.0-SNAPSHOT
#
# Steps (work folder target/jpackage/):
#   1. a trimmed Java runtime with jlink (packaging/common/jlink.args): the JDK modules ObitoX needs plus JavaFX as
#      real modules (from the javafx-*-linux.jar of the Maven build), JavaFX's native libraries in the runtime's lib/
#      where JavaFX looks for them first (else it unpacks them into ~/.openjfx/cache at the first start), libjvm.so
#      without its symbol table;
#   2. the app-image target/dist/ObitoX/ (jpackage) with a small launcher script (see write_launcher), the menu
#      entry and the icons;
#   3. the class list for class data sharing: the app-image is started a few times (the GUI until its first frame,
#      under Xvfb when there is no display, and some CLI commands) with -XX:DumpLoadedClassList; the packages turn
#      it into an archive when they are installed (packaging/linux/integration.sh);
#   4. the size check (the app-image must stay within OBITOX_MAX_IMAGE_MIB, default 100);
#   5. target/installer/obitox_VERSION_amd64.deb and obitox-VERSION-1.x86_64.rpm (jpackage; the .rpm needs rpmbuild:
#      apt-get install rpm). OBITOX_PACKAGE_TYPES="deb" builds only the .deb;
#   6. beside them the jar (obitox-VERSION.jar), the app-image as ObitoX-VERSION-linux-x64.tar.gz and SHA256SUMS.
#
# Installer metadata carry the version without -SNAPSHOT (jpackage accepts numbers only).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
target=$root/target
work=$target/jpackage
image=$target/dist/ObitoX
max_mib=${OBITOX_MAX_IMAGE_MIB:-100}
types=${OBITOX_PACKAGE_TYPES:-deb rpm}

SECONDS=0
log() { printf '[installers] %4ds %s\n' "$SECONDS" "$*"; }
die() {
    printf '[installers] ERROR: %s\n' "$*" >&2
    exit 1
}

[ $# -ge 1 ] || die "usage: $0 PROJECT_VERSION"
version=${1%-SNAPSHOT}
[[ $version =~ ^[0-9]+(\.[0-9]+){0,3}$ ]] || die "version '$1' is not numeric (jpackage needs e.g. 1.2.3)"
[ "$(uname -s)" = Linux ] || die "this builds Linux packages; use packaging/windows/build.ps1 or packaging/macos/build.sh"
classes=$target/classes
libs=$target/installer-libs
[ -d "$classes/io/obitox" ] && [ -d "$libs" ] || die "$classes or $libs is missing: run mvn -B -DskipTests -Pinstallers package"

# The JDK's tools: JAVA_HOME when set (Maven sets it for its own JVM), else the java on the PATH.
jdk=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
for tool in jlink jpackage jar; do
    [ -x "$jdk/bin/$tool" ] || die "$jdk/bin/$tool is missing: a full JDK 17+ is needed"
done
[ -d "$jdk/jmods" ] || die "$jdk/jmods is missing: jlink needs the JDK's jmods (Debian: openjdk-17-jdk-headless)"

cd "$root"
rm -rf "$work" "$target/dist" "$target/installer"
mkdir -p "$work/input" "$work/javafx" "$target/dist" "$target/installer"

# --- 0. inputs: ObitoX's jar and its libraries on the class path, JavaFX's Linux jars as modules ---------------------
# ObitoX's own jar from the compiled classes (not target/original-obitox.jar: after a build without clean, the shade
# plugin leaves the previous fat jar under that name)
"$jdk/bin/jar" --create --file "$work/input/obitox.jar" -C "$classes" .
for f in "$libs"/*.jar; do
    case ${f##*/} in
        javafx-*-linux.jar) cp "$f" "$work/javafx/" ;;
        javafx-*) ;; # the jars without a platform are empty shells that only pull in the platform's jar
        commons-logging-*) ;; # jcl-over-slf4j has the same classes and sends their messages to ObitoX's log
        *) cp "$f" "$work/input/" ;;
    esac
done
[ -f "$work/javafx/"javafx-graphics-*-linux.jar ] || die "no javafx-graphics-*-linux.jar in $libs"

# --- 1. runtime -------------------------------------------------------------------------------------------------
log "jlink: trimmed runtime with JavaFX modules"
"$jdk/bin/jlink" @packaging/common/jlink.args --module-path "$jdk/jmods:$work/javafx" \
    --exclude-resources='glob:/javafx.graphics/*.so,glob:/javafx.graphics/*.jar' --output "$work/runtime"
# JavaFX in a runtime image loads its libraries from the runtime's lib/ (the jar's copies are left out above)
(cd "$work/runtime/lib" && "$jdk/bin/jar" xf "$work"/javafx/javafx-graphics-*-linux.jar \
    $("$jdk/bin/jar" tf "$work"/javafx/javafx-graphics-*-linux.jar | grep -E '^lib[^/]*\.so$'))
if command -v strip >/dev/null; then
    # Debian's libjvm.so keeps its symbol table (4 MB); stack traces of Java code do not need it
    strip --strip-unneeded "$work/runtime/lib/server/libjvm.so"
fi
rm -f "$work"/runtime/lib/server/classes*.jsa # the JDK's default archive: ours replaces it (see integration.sh)
find "$work/runtime/bin" -type f ! -name java -delete # only the launcher script below needs a command

# The launcher: a small sh script instead of jpackage's native one, which (JDK 17) asks rpm and dpkg at every start
# which package owns it (rpm -qf, dpkg -S, dpkg -L: 1-2 s before Java even starts). The script runs the bundled
# java with the class path and options jpackage wrote into lib/app/ObitoX.cfg, so the jpackage options stay the one
# source, and adds the class-data archive when the package has made one (packaging/linux/integration.sh). Without
# arguments ObitoX opens its window, with arguments it is the command line (io.obitox.app.Launcher decides).
write_launcher() {
    local cfg=$image/lib/app/ObitoX.cfg launcher=$image/bin/ObitoX main classpath line args=""
    main=$(sed -n 's/^app.mainclass=//p' "$cfg")
    classpath=$(sed -n 's/^app.classpath=//p' "$cfg" | paste -sd: -)
    [ -n "$main" ] && [ -n "$classpath" ] || die "no main class or class path in $cfg"
    while IFS= read -r line; do
        case $line in *\"* | *\\* | *\`*) die "java option with a quote or backslash in $cfg: $line" ;; esac
        args="$args \"$line\""
    done < <(sed -n 's/^java-options=//p' "$cfg")
    # Options for command-line runs only (packaging/common/cli-java-options: a run of seconds wants no C2 compiler)
    local cli_args=""
    while IFS= read -r line; do
        case $line in '' | '#'*) continue ;; *\"* | *\\* | *\`* | *' '*) die "bad CLI java option: $line" ;; esac
        cli_args="$cli_args $line"
    done < packaging/common/cli-java-options
    cat >"$launcher" <<SCRIPT
#!/bin/sh
# ObitoX $version launcher, written by packaging/linux/build.sh from lib/app/ObitoX.cfg.
APPDIR=\$(dirname "\$(readlink -f "\$0")")/../lib/app
APPDIR=\$(cd "\$APPDIR" && pwd -P)
# JDK_JAVA_OPTIONS is read by the java command only: ignore it, as jpackage's launcher does
unset JDK_JAVA_OPTIONS
# A command (not a file to open in the window) runs for seconds: it gets the command-line JVM options.
CLI_OPTS=
if [ \$# -gt 0 ] && [ ! -e "\$1" ]; then
    CLI_OPTS="$cli_args"
fi
# The class-data archive (made when the package is installed) holds the start-up classes ready to map. A stale one
# (the JDK checks the jar's size and time) only means a slower start, so its warnings stay quiet. It is mapped at a
# random address, the JDK's default: mapping it where it was made (-XX:ArchiveRelocationMode=0) saved 20-40 ms a
# start but put 63 MiB of class data at the same address in every run (docs/benchmarks.md, "Installers").
if [ -r "\$APPDIR/obitox.jsa" ]; then
    set -- -XX:SharedArchiveFile="\$APPDIR/obitox.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off \\
        -cp "$classpath" $main "\$@"
else
    set -- -cp "$classpath" $main "\$@"
fi
# shellcheck disable=SC2086
exec "\$APPDIR/../runtime/bin/java"$args \$CLI_OPTS "\$@"
SCRIPT
    chmod 0755 "$launcher"
    rm -f "$image/lib/libapplauncher.so"
}

# --- 2. app-image -----------------------------------------------------------------------------------------------
log "jpackage: app-image $version"
"$jdk/bin/jpackage" @packaging/common/jpackage.args @packaging/linux/jpackage.args \
    --type app-image --app-version "$version" \
    --input "$work/input" --runtime-image "$work/runtime" --dest "$target/dist"
write_launcher
# the command line's compiler directives (cli-java-options names them as $APPDIR/c2-digests.json)
cp packaging/common/c2-digests.json "$image/lib/app/c2-digests.json"
cp packaging/linux/obitox.desktop "$image/lib/obitox.desktop"
mkdir -p "$image/lib/icons"
for size in 16 24 32 48 64 128 256 512; do
    cp "packaging/icons/obitox-$size.png" "$image/lib/icons/"
done

# --- 3. class list for class data sharing -----------------------------------------------------------------------
train() { # name command... : one run with a fresh list; a failure only costs start-up speed, so it warns
    local list=$work/cds/$1.classlist
    shift
    if ! JAVA_TOOL_OPTIONS="-XX:DumpLoadedClassList=$list" OBITOX_HOME=$work/cds/home \
        timeout 120 "$@" >"$list.log" 2>&1; then
        log "WARNING: training run '$*' failed (see $list.log)"
    fi
}
mkdir -p "$work/cds"
log "class list: training runs"
gui=()
if [ -n "${DISPLAY:-}" ]; then
    gui=(env)
elif command -v xvfb-run >/dev/null; then
    gui=(xvfb-run -a -s "-screen 0 1280x1024x24 -nolisten tcp" env)
fi
if [ ${#gui[@]} -gt 0 ]; then
    # a fresh home (database created, migrations) and a second start on it (the usual case)
    train gui-first "${gui[@]}" OBITOX_STARTUP_PROBE=1 "$image/bin/ObitoX"
    train gui-again "${gui[@]}" OBITOX_STARTUP_PROBE=1 "$image/bin/ObitoX"
    grep -h '^startup:' "$work"/cds/gui-*.classlist.log || true
else
    log "WARNING: no display and no xvfb-run: the class list covers the command line only (the GUI starts slower)"
fi
train cli-version "$image/bin/ObitoX" --version
train cli-help "$image/bin/ObitoX" --help
train cli-profiles "$image/bin/ObitoX" profile list
# one list: the JDK's header, then every class once, in the order first seen
awk 'FNR == NR && /^#/ { print; next } /^#/ { next } !seen[$0]++' "$work"/cds/*.classlist >"$image/lib/app/obitox.classlist"
log "class list: $(grep -vc '^#' "$image/lib/app/obitox.classlist") entries"
rm -rf "$work/cds/home"

# --- 4. size ----------------------------------------------------------------------------------------------------
mib=$(du -sm "$image" | cut -f1)
log "app-image $image: $mib MiB (runtime $(du -sm "$image/lib/runtime" | cut -f1) MiB, class path $(du -cm "$image"/lib/app/*.jar | tail -n 1 | cut -f1) MiB)"
[ "$mib" -le "$max_mib" ] || die "the app-image is $mib MiB, more than the $max_mib MiB allowed"

# --- 5. packages ------------------------------------------------------------------------------------------------
resources() { # type : the jpackage resource folder, with integration.sh inserted into the scripts
    local dir=$work/resources-$1 f
    mkdir -p "$dir"
    cp packaging/linux/"$1"/* "$dir/"
    for f in "$dir"/*; do
        awk -v inc=packaging/linux/integration.sh '
            /^#@INTEGRATION@$/ { while ((getline line < inc) > 0) print line; close(inc); next } { print }
        ' "$f" >"$f.tmp" && mv "$f.tmp" "$f"
    done
    echo "$dir"
}
common=(--app-image "$image" --name ObitoX --app-version "$version" --vendor ObitoX
    --description "Upload manager for S3-compatible storage" --linux-package-name obitox
    --install-dir /opt --dest "$target/installer")
for type in $types; do
    case $type in
        deb)
            log "jpackage: .deb"
            "$jdk/bin/jpackage" --type deb "${common[@]}" --resource-dir "$(resources deb)" \
                --linux-deb-maintainer maintainers@obitox.invalid --linux-app-category net \
                --linux-package-deps libgtk-3-0
            ;;
        rpm)
            command -v rpmbuild >/dev/null || die "rpmbuild is missing: apt-get install -y rpm (or OBITOX_PACKAGE_TYPES=deb)"
            log "jpackage: .rpm"
            "$jdk/bin/jpackage" --type rpm "${common[@]}" --resource-dir "$(resources rpm)" \
                --linux-app-category Applications/Internet \
                --linux-package-deps gtk3
            ;;
        *) die "unknown package type '$type'" ;;
    esac
done
# --- 6. release files and their checksums ------------------------------------------------------------------------
# Everything a user may download sits in target/installer/ with SHA256SUMS beside it, so one
# `sha256sum -c SHA256SUMS` in that folder checks them all (README "Installers").
log "release files: jar, app-image archive, SHA256SUMS"
[ -f "$target/obitox.jar" ] || die "$target/obitox.jar (the jar of mvn package) is missing"
cp "$target/obitox.jar" "$target/installer/obitox-$version.jar"
# the archive holds ObitoX/ as built: no class-data archive of a benchmark run, owner and times normalised
rm -f "$image/lib/app/obitox.jsa"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@${SOURCE_DATE_EPOCH:-$(date +%s)}" \
    -C "$target/dist" -czf "$target/installer/ObitoX-$version-linux-x64.tar.gz" ObitoX
(cd "$target/installer" && rm -f SHA256SUMS && sha256sum -- * >"$work/SHA256SUMS" && mv "$work/SHA256SUMS" SHA256SUMS &&
    sha256sum --quiet -c SHA256SUMS) || die "SHA256SUMS could not be written or does not verify"
ls -l "$target/installer"
log "done"

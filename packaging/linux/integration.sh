# Desktop integration of the Linux packages, shared by the .deb (postinst, prerm) and the .rpm (%post, %preun).
# packaging/linux/build.sh copies this text into those scripts; it is POSIX sh and must not need bash.
#
# obitox_integrate: the command on the PATH, the menu entry with "open with", the icons, and the class-data archive
#   (CDS) that makes ObitoX start faster. The archive records the absolute path of the jar, so it can only be made
#   where the app is installed: here, once, from the class list the build recorded.
# obitox_disintegrate: removes all of that again: links only if they still point into our folder, and the folders
#   and desktop caches only if this package created them (listed in $OBITOX_CREATED).
OBITOX_DIR=/opt/obitox
OBITOX_CREATED=$OBITOX_DIR/lib/app/created-by-install
OBITOX_ICON_SIZES="16 24 32 48 64 128 256 512"

obitox_remember() { # path : created here, to be removed again by obitox_disintegrate
    echo "$1" >>"$OBITOX_CREATED"
}

obitox_mkdirs() { # dir : like mkdir -p, remembering each folder it creates (outermost first)
    if [ ! -d "$1" ]; then
        obitox_mkdirs "$(dirname "$1")"
        mkdir "$1"
        obitox_remember "$1"
    fi
}

obitox_link() { # target link
    obitox_mkdirs "$(dirname "$2")"
    ln -sfn "$1" "$2"
}

obitox_unlink() { # link
    case "$(readlink "$1" 2>/dev/null)" in
        "$OBITOX_DIR"/*) rm -f "$1" ;;
    esac
}

obitox_refresh_caches() {
    [ -e /usr/share/applications/mimeinfo.cache ] || obitox_remember /usr/share/applications/mimeinfo.cache
    [ -e /usr/share/icons/hicolor/icon-theme.cache ] || obitox_remember /usr/share/icons/hicolor/icon-theme.cache
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q /usr/share/applications || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f /usr/share/icons/hicolor/index.theme ]; then
        gtk-update-icon-cache -q -t -f /usr/share/icons/hicolor || true
    fi
}

obitox_class_data() {
    jsa="$OBITOX_DIR/lib/app/obitox.jsa"
    list="$OBITOX_DIR/lib/app/obitox.classlist"
    rm -f "$jsa"
    [ -f "$list" ] || return 0
    # The launcher adds the archive to its options only once it exists; -Xshare:dump writes it and exits.
    if JAVA_TOOL_OPTIONS="-Xshare:dump -XX:SharedClassListFile=$list -XX:SharedArchiveFile=$jsa" \
        timeout 600 "$OBITOX_DIR/bin/ObitoX" >/dev/null 2>&1 && [ -s "$jsa" ]; then
        chmod 0644 "$jsa"
    else
        rm -f "$jsa"
        echo "obitox: could not prepare the class-data archive; ObitoX works, but starts slower" >&2
    fi
}

obitox_integrate() {
    rm -f "$OBITOX_CREATED"
    obitox_link "$OBITOX_DIR/bin/ObitoX" /usr/bin/obitox
    obitox_link "$OBITOX_DIR/lib/obitox.desktop" /usr/share/applications/obitox.desktop
    for size in $OBITOX_ICON_SIZES; do
        obitox_link "$OBITOX_DIR/lib/icons/obitox-$size.png" "/usr/share/icons/hicolor/${size}x${size}/apps/obitox.png"
    done
    obitox_refresh_caches
    obitox_class_data
}

obitox_disintegrate() {
    obitox_unlink /usr/bin/obitox
    obitox_unlink /usr/share/applications/obitox.desktop
    for size in $OBITOX_ICON_SIZES; do
        obitox_unlink "/usr/share/icons/hicolor/${size}x${size}/apps/obitox.png"
    done
    rm -f "$OBITOX_DIR/lib/app/obitox.jsa"
    obitox_refresh_caches
    if [ -f "$OBITOX_CREATED" ]; then
        # innermost first; a folder that is not empty (someone else's files now) stays
        sort -r -u "$OBITOX_CREATED" | while IFS= read -r path; do
            case $path in
                */mimeinfo.cache | */icon-theme.cache) rm -f "$path" ;;
                *) rmdir "$path" 2>/dev/null || true ;;
            esac
        done
        rm -f "$OBITOX_CREATED"
    fi
}

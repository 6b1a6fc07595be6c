package io.obitox.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Extensions of files that run code when opened: the feature plan's list, the rest of what mail gateways block
 * (screen savers, HTML applications, control panel items, script host files, shortcuts, registry files…), and
 * installer and app packages of every desktop and mobile OS.
 */
public final class DangerousNames {
    /** Lower case, without the dot. */
    public static final Set<String> EXTENSIONS = Set.of(
            // the feature plan
            "exe",
            "dll",
            "bat",
            "cmd",
            "sh",
            "bash",
            "ps1",
            "vbs",
            "js",
            "jar",
            "app",
            "deb",
            "rpm",
            "dmg",
            "pkg",
            "msi",
            // Windows programs, scripts and things the shell executes
            "scr",
            "com",
            "pif",
            "hta",
            "msc",
            "cpl",
            "jse",
            "wsf",
            "wsh",
            "wsc",
            "ws",
            "vbe",
            "vb",
            "lnk",
            "reg",
            "inf",
            "scf",
            "url",
            "sys",
            "drv",
            "ocx",
            "msp",
            "mst",
            "msu",
            "gadget",
            "application",
            "appref-ms",
            "xbap",
            "xll",
            "chm",
            "hlp",
            "shb",
            "shs",
            "sct",
            "ps1xml",
            "ps2",
            "ps2xml",
            "psc1",
            "psc2",
            "psm1",
            "psd1",
            "msh",
            "msh1",
            "msh2",
            "mshxml",
            "msh1xml",
            "msh2xml",
            "settingcontent-ms",
            "diagcab",
            "wsb",
            "appx",
            "appxbundle",
            "msix",
            "msixbundle",
            "jnlp",
            // Unix shells and macOS
            "csh",
            "ksh",
            "zsh",
            "fish",
            "command",
            "tool",
            "run",
            "mpkg",
            "scpt",
            "workflow",
            "action",
            // mobile apps
            "apk",
            "xapk",
            "aab",
            "ipa");

    private DangerousNames() {}

    /** The dangerous extension the name ends with (as Windows reads it), or null. */
    public static String dangerousExtension(String name) {
        String ext = FileNames.extension(name);
        return EXTENSIONS.contains(ext) ? ext : null;
    }

    /**
     * The extensions before the last one, when the name stacks them ({@code invoice.pdf.exe} → [pdf]); used to say
     * what a dangerous name pretends to be.
     */
    public static List<String> innerExtensions(String name) {
        String n = FileNames.effectiveName(name).toLowerCase(Locale.ROOT);
        String[] parts = n.split("\\.", -1);
        List<String> inner = new ArrayList<>();
        for (int i = 1; i < parts.length - 1; i++) {
            String p = parts[i].strip();
            if (!p.isEmpty() && p.length() <= 5 && p.chars().allMatch(Character::isLetterOrDigit)) {
                inner.add(p);
            }
        }
        return inner;
    }
}

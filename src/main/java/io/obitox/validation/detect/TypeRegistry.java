package io.obitox.validation.detect;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeType;
import org.apache.tika.mime.MimeTypeException;
import org.apache.tika.mime.MimeTypes;

/**
 * Apache Tika's type knowledge: the registry of media types with their aliases and parent types, the file-name
 * globs, and Tika's magic database as the fallback for content our own signatures do not know.
 *
 * <p>Tika's tables take about a second to load, so they are loaded on first use, not when the app starts. One
 * instance serves every thread: Tika's {@link MimeTypes} is thread-safe for detection and lookups.
 */
public final class TypeRegistry {
    private volatile MimeTypes tika;
    private volatile MagicPrefilter prefilter;
    private volatile boolean prefilterLoaded;

    private MimeTypes tika() {
        MimeTypes t = tika;
        if (t == null) {
            synchronized (this) {
                t = tika;
                if (t == null) {
                    t = MimeTypes.getDefaultMimeTypes();
                    tika = t;
                }
            }
        }
        return t;
    }

    /** The type the file name suggests (by extension), or {@code application/octet-stream} when it suggests none. */
    public String typeForName(String name) {
        if (name == null || name.isEmpty()) {
            return MimeTypes.OCTET_STREAM;
        }
        // detect() without content applies the name alone (getMimeType(String) is deprecated in Tika 3)
        Metadata m = new Metadata();
        m.set(TikaCoreProperties.RESOURCE_NAME_KEY, uriSafe(name.toLowerCase(Locale.ROOT)));
        try {
            return tika().detect(null, m).getBaseType().toString();
        } catch (IOException e) {
            return MimeTypes.OCTET_STREAM; // no stream, no I/O
        }
    }

    /**
     * Tika reads the resource name as a URI when it can: {@code report#1.pdf} would lose everything after the {@code #}
     * and {@code a:b.png} would become an opaque URI without a path. Percent-escaping these characters keeps the name
     * whole (Tika decodes the path again).
     */
    private static String uriSafe(String name) {
        StringBuilder sb = new StringBuilder(name.length() + 8);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            switch (c) {
                case '%' -> sb.append("%25");
                case '#' -> sb.append("%23");
                case '?' -> sb.append("%3F");
                case ':' -> sb.append("%3A");
                case '/' -> sb.append("%2F");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** The canonical form of a type: lower case, no parameters, aliases resolved ({@code audio/wav} → vnd.wave). */
    public String normalize(String type) {
        MediaType parsed = MediaType.parse(type);
        if (parsed == null) {
            return type == null ? "" : type.trim().toLowerCase(Locale.ROOT);
        }
        return registry().normalize(parsed.getBaseType()).toString();
    }

    /** True when {@code type} is {@code ancestor} or a specialization of it (a docx is a zip, JSON is text). */
    public boolean isA(String type, String ancestor) {
        MediaType t = MediaType.parse(type);
        MediaType a = MediaType.parse(ancestor);
        if (t == null || a == null) {
            return false;
        }
        MediaTypeRegistry r = registry();
        return r.isInstanceOf(r.normalize(t.getBaseType()), r.normalize(a.getBaseType()));
    }

    /** The type followed by its parents, nearest first, ending before {@code application/octet-stream}. */
    public List<String> lineage(String type) {
        List<String> out = new ArrayList<>();
        MediaType t = MediaType.parse(type);
        MediaTypeRegistry r = registry();
        t = t == null ? null : r.normalize(t.getBaseType());
        while (t != null && !t.equals(MediaType.OCTET_STREAM) && out.size() < 16) {
            out.add(t.toString());
            t = r.getSupertype(t);
        }
        return out;
    }

    /** Tika's description of a type ("Portable Network Graphics"), or the type itself. */
    public String describe(String type) {
        MimeType m = registered(type);
        String d = m == null ? null : m.getDescription();
        return d == null || d.isBlank() ? type : d;
    }

    /** The usual extension of a type without the dot ("jpg" for image/jpeg), or null when Tika knows none. */
    public String extensionFor(String type) {
        MimeType m = registered(type);
        String ext = m == null ? null : m.getExtension();
        return ext == null || ext.length() < 2 ? null : ext.substring(1);
    }

    /** Tika's magic-only detection over the first bytes of a file (never the name: content must speak). */
    DetectedType magic(byte[] head, int length) {
        MagicPrefilter filter = prefilter();
        if (filter != null && !filter.mayMatch(head, length)) {
            return DetectedType.UNKNOWN;
        }
        return tikaMagic(head, length);
    }

    /** Tika's magic scan without the prefilter (tests compare both). */
    DetectedType tikaMagic(byte[] head, int length) {
        try {
            MediaType type = tika().detect(new ByteArrayInputStream(head, 0, length), new Metadata());
            String t = type.getBaseType().toString();
            return MimeTypes.OCTET_STREAM.equals(t)
                    ? DetectedType.UNKNOWN
                    : new DetectedType(t, describe(t), false, null);
        } catch (IOException e) {
            // cannot happen for an in-memory stream
            return DetectedType.UNKNOWN;
        }
    }

    MagicPrefilter prefilter() {
        if (!prefilterLoaded) {
            synchronized (this) {
                if (!prefilterLoaded) {
                    prefilter = MagicPrefilter.load();
                    prefilterLoaded = true;
                }
            }
        }
        return prefilter;
    }

    /** Looks a type up without registering it (Tika's forName would add unknown types to the shared tables). */
    private MimeType registered(String type) {
        try {
            return tika().getRegisteredMimeType(type);
        } catch (MimeTypeException e) {
            return null;
        }
    }

    private MediaTypeRegistry registry() {
        return tika().getMediaTypeRegistry();
    }
}

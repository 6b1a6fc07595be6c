package io.obitox.validation.detect;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.tika.detect.MagicDetector;
import org.apache.tika.mime.MediaType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A fast, exact "could any of Tika's magic rules match?" test, so data no rule can match (random, encrypted or
 * compressed bytes) skips Tika's magic scan, which costs around a millisecond per call because it evaluates about
 * 850 rules through a fresh stream each.
 *
 * <p>Reads the top-level {@code <match>} rules of Tika's own {@code tika-mimetypes.xml}, lets Tika's
 * {@link MagicDetector#parse} decode each, and compares bytes the way MagicDetector does (offset range, mask, case;
 * bytes past the end count as zero, as in Tika's zero-filled buffer). A regex rule is compiled once, like
 * MagicDetector compiles it, and searched with {@code find()} over the whole window its offset range allows, which
 * finds everything MagicDetector's {@code lookingAt()} at each offset finds. A rule's nested conditions only narrow it, so when no top-level rule matches, Tika answers
 * {@code application/octet-stream} too (our text check runs first, so Tika's text fallback cannot apply).
 * {@code MagicPrefilterTest} checks this equivalence. If the rules cannot be read (another Tika version), the
 * filter is disabled and Tika runs for everything.
 *
 * <p>Immutable after construction; thread-safe.
 */
final class MagicPrefilter {
    private static final Logger log = LoggerFactory.getLogger(MagicPrefilter.class);
    private static final String RULES = "/org/apache/tika/mime/tika-mimetypes.xml";

    /** One byte-comparison rule: the pattern may start anywhere in [begin, end]. */
    private record Rule(int begin, int end, byte[] pattern, byte[] mask, boolean ignoreCase) {}

    /** A regex rule: MagicDetector matches it at offsets [begin, end] within windows of {@code length} bytes. */
    private record RegexRule(int begin, int end, int length, Pattern pattern) {}

    /** Rules tried at one offset. */
    private final List<Rule> fixed;
    /** Rules with an offset range whose first byte is exact, by that byte (both cases when case is ignored). */
    private final List<List<Rule>> rangedByFirstByte;
    /** Rules with an offset range whose first byte is masked. */
    private final List<Rule> rangedOther;
    /** The end of the furthest range. */
    private final int rangedEnd;

    private final List<RegexRule> regexes;

    private MagicPrefilter(List<Rule> rules, List<RegexRule> regexes) {
        List<Rule> fixedRules = new ArrayList<>();
        List<List<Rule>> byByte = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            byByte.add(new ArrayList<>());
        }
        List<Rule> other = new ArrayList<>();
        int furthest = 0;
        for (Rule r : rules) {
            if (r.begin() == r.end()) {
                fixedRules.add(r);
                continue;
            }
            furthest = Math.max(furthest, r.end());
            boolean exactFirst = r.pattern().length > 0 && (r.mask() == null || (r.mask()[0] & 0xFF) == 0xFF);
            if (!exactFirst) {
                other.add(r);
            } else {
                int b = r.pattern()[0] & 0xFF;
                byByte.get(b).add(r);
                if (r.ignoreCase()) {
                    int lower = Character.toLowerCase(b);
                    int upper = Character.toUpperCase(b);
                    for (int c : new int[] {lower, upper}) {
                        if (c != b && c < 256 && !byByte.get(c).contains(r)) {
                            byByte.get(c).add(r);
                        }
                    }
                }
            }
        }
        this.fixed = List.copyOf(fixedRules);
        this.rangedByFirstByte = byByte.stream().map(List::copyOf).toList();
        this.rangedOther = List.copyOf(other);
        this.rangedEnd = furthest;
        this.regexes = regexes;
    }

    /** The filter for the Tika on the class path, or null when its rules cannot be read. */
    static MagicPrefilter load() {
        try (InputStream in = MagicDetector.class.getResourceAsStream(RULES)) {
            if (in == null) {
                return null;
            }
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = f.newDocumentBuilder().parse(in);
            Fields reader = new Fields();
            List<Rule> rules = new ArrayList<>();
            List<RegexRule> regexes = new ArrayList<>();
            var magics = doc.getElementsByTagName("magic");
            for (int i = 0; i < magics.getLength(); i++) {
                Element magic = (Element) magics.item(i);
                MediaType type = MediaType.parse(((Element) magic.getParentNode()).getAttribute("type"));
                for (Node c = magic.getFirstChild(); c != null; c = c.getNextSibling()) {
                    if (c instanceof Element m && m.getTagName().equals("match")) {
                        add(type, m, reader, rules, regexes);
                    }
                }
            }
            if (rules.size() < 100) {
                return null; // not the rules we expect: do not filter
            }
            return new MagicPrefilter(List.copyOf(rules), List.copyOf(regexes));
        } catch (Exception | LinkageError e) {
            log.warn("Tika magic rules not readable; every unknown file goes through Tika's full scan", e);
            return null;
        }
    }

    /** Tika's private MagicDetector fields holding the decoded rule. */
    private static final class Fields {
        final Field pattern = field("pattern");
        final Field mask = field("mask");
        final Field begin = field("offsetRangeBegin");
        final Field end = field("offsetRangeEnd");
        final Field regex = field("isRegex");
        final Field ignoreCase = field("isStringIgnoreCase");
        final Field length = field("length");
    }

    /**
     * Adds the condition of one {@code <match>}. A match without a value and with {@code minShouldMatch} holds when
     * enough of its children hold, so each child becomes an alternative (a superset, which is safe).
     */
    private static void add(MediaType type, Element m, Fields f, List<Rule> rules, List<RegexRule> regexes)
            throws IllegalAccessException {
        if (!m.hasAttribute("value")) {
            for (Node c = m.getFirstChild(); c != null; c = c.getNextSibling()) {
                if (c instanceof Element child && child.getTagName().equals("match")) {
                    add(type, child, f, rules, regexes);
                }
            }
            return;
        }
        MagicDetector d = MagicDetector.parse(
                type,
                attr(m, "type", "string"),
                attr(m, "offset", "0"),
                m.getAttribute("value"),
                m.hasAttribute("mask") ? m.getAttribute("mask") : null);
        if (f.regex.getBoolean(d)) {
            String regex = new String((byte[]) f.pattern.get(d), StandardCharsets.UTF_8);
            int flags = f.ignoreCase.getBoolean(d) ? Pattern.CASE_INSENSITIVE : 0;
            regexes.add(new RegexRule(
                    f.begin.getInt(d), f.end.getInt(d), f.length.getInt(d), Pattern.compile(regex, flags)));
        } else {
            rules.add(new Rule(
                    f.begin.getInt(d),
                    f.end.getInt(d),
                    (byte[]) f.pattern.get(d),
                    (byte[]) f.mask.get(d),
                    f.ignoreCase.getBoolean(d)));
        }
    }

    /** False only when no magic rule of Tika can match {@code h[0, n)}. */
    boolean mayMatch(byte[] h, int n) {
        for (Rule r : fixed) {
            if (matches(r, h, n)) {
                return true;
            }
        }
        for (Rule r : rangedOther) {
            if (matches(r, h, n)) {
                return true;
            }
        }
        // one pass over the data for all ranged rules: only offsets holding a rule's first byte are compared
        int last = Math.min(n - 1, rangedEnd);
        for (int i = 0; i <= last; i++) {
            for (Rule r : rangedByFirstByte.get(h[i] & 0xFF)) {
                if (i >= r.begin() && i <= r.end() && matchesAt(r, h, n, i)) {
                    return true;
                }
            }
        }
        if (n <= rangedEnd) {
            // offsets past the data see Tika's zero padding
            for (Rule r : rangedByFirstByte.get(0)) {
                if (r.end() >= n && zeroUnderMask(r.pattern(), r.mask(), r.ignoreCase())) {
                    return true;
                }
            }
        }
        if (!regexes.isEmpty()) {
            CharSequence text = new Latin1(h, n);
            for (RegexRule r : regexes) {
                if (regexMatches(r, text)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * MagicDetector tries {@code lookingAt()} on the window [i, i + length] for each offset i in the range. One
     * offset: the same call. A range: {@code find()} over the union of the windows, unless the regex anchors with
     * {@code ^} (which find() would only allow at the start), then the same loop.
     */
    private static boolean regexMatches(RegexRule r, CharSequence text) {
        if (r.begin() >= Latin1.LIMIT) {
            return false;
        }
        java.util.regex.Matcher m = r.pattern().matcher(text);
        if (r.begin() == r.end() || r.pattern().pattern().contains("^")) {
            for (int i = r.begin(); i <= r.end() && i < Latin1.LIMIT; i++) {
                if (m.region(i, (int) Math.min((long) i + r.length(), Latin1.LIMIT))
                        .lookingAt()) {
                    return true;
                }
            }
            return false;
        }
        return m.region(r.begin(), (int) Math.min((long) r.end() + r.length(), Latin1.LIMIT))
                .find();
    }

    private static boolean matches(Rule r, byte[] h, int n) {
        for (int off = r.begin(); off <= r.end(); off++) {
            if (off >= n) {
                // past the data Tika compares zeros: only a pattern that is zero under its mask matches there
                return zeroUnderMask(r.pattern(), r.mask(), r.ignoreCase());
            }
            if (matchesAt(r, h, n, off)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesAt(Rule r, byte[] h, int n, int off) {
        byte[] p = r.pattern();
        byte[] m = r.mask();
        for (int j = 0; j < p.length; j++) {
            int b = off + j < n ? h[off + j] : 0;
            int mk = m == null ? 0xFF : m[j];
            int x = b & mk & 0xFF;
            int y = p[j] & mk & 0xFF;
            if (r.ignoreCase()) {
                x = Character.toLowerCase(x);
                y = Character.toLowerCase(y);
            }
            if (x != y) {
                return false;
            }
        }
        return true;
    }

    /** Bytes as ISO-8859-1 characters, zeros past the data (as in MagicDetector's buffer), without copying. */
    private static final class Latin1 implements CharSequence {
        static final int LIMIT = 1 << 20;
        private final byte[] b;
        private final int n;
        private final int start;
        private final int end;

        Latin1(byte[] b, int n) {
            this(b, n, 0, LIMIT);
        }

        private Latin1(byte[] b, int n, int start, int end) {
            this.b = b;
            this.n = n;
            this.start = start;
            this.end = end;
        }

        @Override
        public int length() {
            return end - start;
        }

        @Override
        public char charAt(int index) {
            int i = start + index;
            return i < n ? (char) (b[i] & 0xFF) : '\0';
        }

        @Override
        public CharSequence subSequence(int from, int to) {
            return new Latin1(b, n, start + from, start + to);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(length());
            for (int i = 0; i < length(); i++) {
                sb.append(charAt(i));
            }
            return sb.toString();
        }
    }

    private static boolean zeroUnderMask(byte[] p, byte[] m, boolean ignoreCase) {
        for (int j = 0; j < p.length; j++) {
            int mk = m == null ? 0xFF : m[j];
            if ((p[j] & mk & 0xFF) != 0) {
                return false;
            }
        }
        return true;
    }

    private static Field field(String name) {
        try {
            Field f = MagicDetector.class.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("MagicDetector." + name + " is gone", e);
        }
    }

    private static String attr(Element e, String name, String fallback) {
        return e.hasAttribute(name) ? e.getAttribute(name) : fallback;
    }

    int ruleCount() {
        int ranged = rangedOther.size();
        java.util.Set<Rule> distinct = new java.util.HashSet<>();
        rangedByFirstByte.forEach(distinct::addAll);
        return fixed.size() + ranged + distinct.size() + regexes.size();
    }
}

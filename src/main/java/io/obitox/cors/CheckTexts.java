package io.obitox.cors;

import io.obitox.common.TextRef;
import io.obitox.common.UserMessage;
import java.util.List;

/**
 * Small builders for the bundle references of the CORS checks. Lists of findings are joined as references, not as
 * English strings, so that a view renders every item in its own language and the CLI still gets the English it
 * printed before.
 */
final class CheckTexts {
    private CheckTexts() {}

    /** {@code first} and {@code second} as two sentences, e.g. a fix followed by "run CORS setup". */
    static TextRef sentences(Object first, Object second) {
        return TextRef.of("svc.cors.check.twoSentences", first, second);
    }

    /** The items joined with "; ", each rendered in the reader's language. */
    static TextRef joined(List<TextRef> items) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("nothing to join");
        }
        TextRef out = items.get(items.size() - 1);
        for (int i = items.size() - 2; i >= 0; i--) {
            out = TextRef.of("svc.cors.list.semicolon", items.get(i), out);
        }
        return out;
    }

    /** A service message as an argument: its reference when it has one (rendered in the same language), else English. */
    static Object messageOf(UserMessage m) {
        return m.messageRef() != null ? m.messageRef() : m.message();
    }
}

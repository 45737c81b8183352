package org.gridcase.notify;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gridcase.support.Masking;

/** A short description of a send failure for {@code last_error} and logs, with addresses and numbers masked. */
final class ErrorText {

    static final int MAX = 500;
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+");
    private static final Pattern PHONE = Pattern.compile("\\+?\\d{7,}");

    private ErrorText() {
    }

    static String of(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = describe(e);
        if (root != e) {
            text = text + " <- " + describe(root);
        }
        return truncate(mask(text));
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + message.strip().replaceAll("\\s+", " ");
    }

    static String mask(String text) {
        String masked = replace(EMAIL, text, Masking::email);
        return replace(PHONE, masked, Masking::phone);
    }

    private static String replace(Pattern pattern, String text, java.util.function.UnaryOperator<String> masker) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(masker.apply(m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String truncate(String text) {
        return text.length() <= MAX ? text : text.substring(0, MAX - 1) + "…";
    }
}

package org.gridcase.notice;

import java.util.Locale;
import java.util.Set;

/** What counts as a resident's acknowledgement by SMS, and a mainland mobile number read from a gateway. */
final class Replies {

    /** Whole replies that acknowledge (after punctuation and spaces are removed). */
    private static final Set<String> EXACT = Set.of("1", "好", "好的", "ok", "阅", "知", "嗯", "是");
    /** A reply that starts so acknowledges: 收到, 收到了谢谢, 已阅, 知道了… */
    private static final String[] PREFIXES = {"收到", "已收到", "知道", "已知道", "知晓", "已知晓", "已阅", "阅知",
        "明白", "已明白", "确认", "已确认", "了解", "已了解"};

    private Replies() {
    }

    static boolean acknowledges(String text) {
        if (text == null) {
            return false;
        }
        String t = text.replaceAll("[\\p{P}\\p{S}\\s]+", "").toLowerCase(Locale.ROOT);
        if (t.isEmpty() || t.length() > 20) {
            return false;
        }
        if (EXACT.contains(t)) {
            return true;
        }
        for (String prefix : PREFIXES) {
            if (t.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** The 11-digit mainland number (+86, 0086 and 86 prefixes removed), or null when it is none. */
    static String phone(String from) {
        if (from == null) {
            return null;
        }
        String digits = from.replaceAll("\\D", "");
        if (digits.startsWith("0086")) {
            digits = digits.substring(4);
        } else if (digits.length() == 13 && digits.startsWith("86")) {
            digits = digits.substring(2);
        }
        return digits.length() == 11 && digits.startsWith("1") ? digits : null;
    }
}

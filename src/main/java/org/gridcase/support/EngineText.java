package org.gridcase.support;

/**
 * Text bound for the Camunda engine's tables: characters outside the Basic Multilingual Plane (emoji, rare CJK
 * characters of names) become U+FFFD, because Camunda's own MySQL tables are utf8 (3 bytes a character) and
 * refuse them, failing the whole transaction.
 */
public final class EngineText {

    private EngineText() {
    }

    public static String bmpOnly(String s) {
        if (s == null || s.codePoints().allMatch(Character::isBmpCodePoint)) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(c -> out.append(Character.isBmpCodePoint(c) ? (char) c : '\uFFFD'));
        return out.toString();
    }
}

package org.gridcase.notify;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * SMS text on the wire. GridCase's texts are Chinese, so every message goes out as UCS-2 (data_coding 0x08,
 * UTF-16BE): up to 70 characters in one SMS; a longer one is split into parts of at most 67 characters, each with a
 * concatenation UDH ({@code 05 00 03 ref total seq}, esm_class UDHI), which the handset reassembles. A character
 * outside the Basic Multilingual Plane (a surrogate pair) is never cut in two. The 8-bit reference is derived from
 * the outbox id, so a retry sends a missing part with the same reference and the handset still joins it.
 */
final class SmsText {

    static final byte UCS2 = 0x08;
    static final int SINGLE_UCS2_CHARS = 70;
    static final int PART_UCS2_CHARS = 67;
    private static final int UDHI = 0x40;

    /** One SMS of a message: its bytes (UDH first when {@code total > 1}), 1-based number and the part count. */
    record Part(byte[] bytes, int number, int total) {

        boolean concatenated() {
            return total > 1;
        }
    }

    private SmsText() {
    }

    /** The message's text as sent: the rendered body without trailing line breaks. */
    static String of(String body) {
        return body == null ? "" : body.stripTrailing();
    }

    static List<Part> parts(String text, long reference) {
        if (text.length() <= SINGLE_UCS2_CHARS) {
            return List.of(new Part(text.getBytes(StandardCharsets.UTF_16BE), 1, 1));
        }
        List<String> chunks = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(start + PART_UCS2_CHARS, text.length());
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            chunks.add(text.substring(start, end));
            start = end;
        }
        if (chunks.size() > 255) {
            throw new IllegalArgumentException("SMS text too long: " + chunks.size() + " parts (at most 255)");
        }
        List<Part> parts = new ArrayList<>();
        byte ref = (byte) (reference & 0xFF);
        for (int i = 0; i < chunks.size(); i++) {
            byte[] payload = chunks.get(i).getBytes(StandardCharsets.UTF_16BE);
            byte[] bytes = new byte[6 + payload.length];
            bytes[0] = 0x05;
            bytes[1] = 0x00;
            bytes[2] = 0x03;
            bytes[3] = ref;
            bytes[4] = (byte) chunks.size();
            bytes[5] = (byte) (i + 1);
            System.arraycopy(payload, 0, bytes, 6, payload.length);
            parts.add(new Part(bytes, i + 1, chunks.size()));
        }
        return parts;
    }

    /** esm_class of a part: UDHI set when it carries a UDH. */
    static byte esmClass(Part part) {
        return (byte) (part.concatenated() ? UDHI : 0);
    }

    /** Whether an esm_class says the short message starts with a UDH. */
    static boolean hasUdh(byte esmClass) {
        return (esmClass & UDHI) != 0;
    }

    /**
     * The text of a received short message: UCS-2 (0x08) as UTF-16BE; the GSM default alphabet (0x00), IA5 and
     * Latin-1 as the single-byte characters they are for ordinary text; a leading UDH is skipped.
     */
    static String decode(byte[] shortMessage, byte dataCoding, byte esmClass) {
        if (shortMessage == null) {
            return "";
        }
        int offset = 0;
        if (hasUdh(esmClass) && shortMessage.length > 0) {
            offset = Math.min(shortMessage.length, (shortMessage[0] & 0xFF) + 1);
        }
        int coding = dataCoding & 0xFF;
        boolean ucs2 = coding == UCS2 || (coding & 0xF0) == 0 && (coding & 0x0C) == 0x08;
        return new String(shortMessage, offset, shortMessage.length - offset,
                ucs2 ? StandardCharsets.UTF_16BE : StandardCharsets.ISO_8859_1);
    }

    /** A sender's number as residents are registered: +86/86/0086 dropped from a mainland mobile number. */
    static String mainlandNumber(String address) {
        if (address == null) {
            return null;
        }
        String digits = address.strip().replaceFirst("^\\+", "");
        for (String prefix : new String[] {"0086", "86"}) {
            if (digits.startsWith(prefix) && digits.length() == prefix.length() + 11
                    && digits.charAt(prefix.length()) == '1') {
                return digits.substring(prefix.length());
            }
        }
        return digits;
    }
}

package org.gridcase.casefile;

import java.util.Optional;
import java.util.regex.Pattern;

import org.gridcase.support.Sha256;

/**
 * The searchable key of a reporter's phone number ({@code case_file.reporter_phone_key}): the number normalised, then
 * SHA-256 in lower-case hex. The intake stores it for every case with a phone; the dispatchers' search by phone
 * computes it from what they type. V25 fills it for the cases registered before with the same steps in SQL, so the
 * two must stay in step (PhoneKeysTest holds them together on H2).
 * <p>
 * Normalising: spaces, dashes, dots and brackets are dropped; a leading {@code +} is the international prefix
 * {@code 00}; China's country code ({@code 0086}, or {@code 86} before an 11-digit mobile number) is dropped, and a
 * landline written internationally gets its trunk {@code 0} back ({@code +86 411 8765 4321} is {@code 041187654321}).
 * What is left must be 5 to 20 digits. So {@code 138-0000-1234}, {@code +86 138 0000 1234},
 * {@code 0086 13800001234} and {@code 8613800001234} are one key.
 * <p>
 * Why a hash and not a copy: the key column and its index hold no readable number (a dump of the index, or a
 * report reading {@code case_file} without the reporter's columns, shows none). It is not a secret: the phone
 * numbers of China are few enough (about 10<sup>10</sup>) to hash them all, so the key is as personal as the number
 * itself and is erased with it. A keyed hash (HMAC with a server secret) would resist that, but neither MariaDB/MySQL
 * nor H2 can compute an HMAC in a migration, and a lost secret would make every key useless; the plain number is
 * in the same row anyway ({@code reporter_phone}, needed for the callbacks).
 */
public final class PhoneKeys {

    /** SHA-256 in hex. */
    public static final int KEY_LENGTH = 64;
    /** The longest text a search takes before normalising (the column of the number is as long). */
    public static final int MAX_INPUT = CaseFile.REPORTER_PHONE_LENGTH;

    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-.()]");
    private static final Pattern DIGITS = Pattern.compile("\\d{5,20}");

    private PhoneKeys() {
    }

    /** The normalised number (digits only), or empty when it is no phone number. */
    public static Optional<String> normalise(String raw) {
        if (raw == null || raw.length() > MAX_INPUT) {
            return Optional.empty();
        }
        String n = SEPARATORS.matcher(raw).replaceAll("");
        if (n.startsWith("+")) {
            n = "00" + n.substring(1);
        }
        if (n.startsWith("0086")) {
            String rest = n.substring(4);
            n = rest.startsWith("0") || rest.startsWith("1") ? rest : "0" + rest;
        } else if (n.length() == 13 && n.startsWith("861")) {
            n = n.substring(2);
        }
        return DIGITS.matcher(n).matches() ? Optional.of(n) : Optional.empty();
    }

    /** The key of a number as stored and searched, or empty when it is no phone number. */
    public static Optional<String> key(String raw) {
        return normalise(raw).map(PhoneKeys::sha256);
    }

    private static String sha256(String normalised) {
        return Sha256.hex(normalised); // digits and '+': the same bytes in ASCII and UTF-8
    }
}

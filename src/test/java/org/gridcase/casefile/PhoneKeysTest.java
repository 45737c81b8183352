package org.gridcase.casefile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** How a phone number is normalised before it is hashed into the searchable key. */
class PhoneKeysTest {

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource(delimiter = '|', value = {
        "13800001234|13800001234", "138-0000-1234|13800001234", "138 0000 1234|13800001234",
        "+86 138 0000 1234|13800001234", "+86-13800001234|13800001234", "0086 13800001234|13800001234",
        "8613800001234|13800001234", "(138) 0000.1234|13800001234", "0411-8765-4321|041187654321",
        "+86 411 8765 4321|041187654321", "+86 0411 87654321|041187654321", "+852 1234 5678|0085212345678",
        "12345|12345", "110|"})
    void everySpellingOfANumberIsOneNumber(String raw, String normalised) {
        assertThat(PhoneKeys.normalise(raw).orElse(null)).isEqualTo(normalised);
        if (normalised != null) {
            assertThat(PhoneKeys.key(raw)).isEqualTo(PhoneKeys.key(normalised));
            assertThat(PhoneKeys.key(raw).orElseThrow()).hasSize(PhoneKeys.KEY_LENGTH).matches("[0-9a-f]{64}");
        }
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "   ", "abc", "1234", "138O0001234", "+86+13800001234", "13800001234#",
        "123456789012345678901", "１３８００００１２３４"})
    void whatIsNoPhoneNumberHasNoKey(String raw) {
        assertThat(PhoneKeys.key(raw)).isEmpty();
    }
}

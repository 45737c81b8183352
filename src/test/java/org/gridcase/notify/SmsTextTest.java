package org.gridcase.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;

/** SMS text on the wire, and the start-time checks of the gateway settings (no Spring context). */
class SmsTextTest {

    @Test
    void seventyCharactersFitOneSmsAndSeventyOneTakeTwoParts() {
        assertThat(SmsText.parts("网".repeat(70), 1)).singleElement()
                .satisfies(p -> assertThat(p.bytes()).hasSize(140));
        List<SmsText.Part> two = SmsText.parts("网".repeat(71), 0x1A2);
        assertThat(two).extracting(SmsText.Part::number).containsExactly(1, 2);
        assertThat(two.get(0).bytes()).hasSize(6 + 67 * 2).startsWith(0x05, 0x00, 0x03, 0xA2, 2, 1);
        assertThat(two.get(1).bytes()).hasSize(6 + 4 * 2).startsWith(0x05, 0x00, 0x03, 0xA2, 2, 2);
        assertThat(SmsText.esmClass(two.get(0))).isEqualTo((byte) 0x40);
    }

    @Test
    void aCharacterOutsideTheBasicPlaneIsNeverCutInTwo() {
        String text = "网".repeat(66) + "😀" + "格".repeat(10);
        List<SmsText.Part> parts = SmsText.parts(text, 7);
        String first = new String(parts.get(0).bytes(), 6, parts.get(0).bytes().length - 6, StandardCharsets.UTF_16BE);
        assertThat(first).isEqualTo("网".repeat(66));
        StringBuilder joined = new StringBuilder();
        parts.forEach(p -> joined.append(new String(p.bytes(), 6, p.bytes().length - 6, StandardCharsets.UTF_16BE)));
        assertThat(joined.toString()).isEqualTo(text);
    }

    @Test
    void receivedTextIsDecodedByItsDataCodingWithoutItsUdh() {
        byte[] ucs2 = "收到".getBytes(StandardCharsets.UTF_16BE);
        assertThat(SmsText.decode(ucs2, (byte) 0x08, (byte) 0)).isEqualTo("收到");
        byte[] withUdh = new byte[6 + ucs2.length];
        System.arraycopy(new byte[] {5, 0, 3, 9, 2, 1}, 0, withUdh, 0, 6);
        System.arraycopy(ucs2, 0, withUdh, 6, ucs2.length);
        assertThat(SmsText.decode(withUdh, (byte) 0x08, (byte) 0x40)).isEqualTo("收到");
        assertThat(SmsText.decode("OK 1".getBytes(StandardCharsets.US_ASCII), (byte) 0, (byte) 0)).isEqualTo("OK 1");
        assertThat(SmsText.mainlandNumber("+8613800000001")).isEqualTo("13800000001");
        assertThat(SmsText.mainlandNumber("008613800000001")).isEqualTo("13800000001");
        assertThat(SmsText.mainlandNumber("13800000001")).isEqualTo("13800000001");
    }

    @Test
    void aProviderWithoutItsSettingsStopsTheStart() {
        NotifyProperties.Smpp noHost = new NotifyProperties.Smpp(null, 2775, "gridcase", "x", null, "transceiver",
                30000, 10000, 1000, 60000, 20);
        NotifyProperties smpp = properties("smpp", noHost, aliyun(null));
        SmppConnection connection = new SmppConnection(smpp, null, null, clock(), null);
        assertThatThrownBy(connection::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("GRIDCASE_SMPP_HOST");
        assertThatThrownBy(() -> new AliyunSmsSender(properties("aliyun", noHost, aliyun(null)), clock()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("GRIDCASE_ALIYUN_ACCESS_KEY_ID");
        assertThatThrownBy(() -> properties("sms77", noHost, aliyun(null))).hasMessageContaining("GRIDCASE_SMS_PROVIDER");
        assertThatThrownBy(() -> aliyun("SURVEY_LINK")).hasMessageContaining("GRIDCASE_ALIYUN_TEMPLATES");
        assertThat(aliyun("SURVEY_LINK=SMS_1, CASE_CLOSED = SMS_2").templateCodes())
                .containsEntry("SURVEY_LINK", "SMS_1").containsEntry("CASE_CLOSED", "SMS_2");
    }

    private static NotifyProperties.Aliyun aliyun(String templates) {
        return new NotifyProperties.Aliyun(null, null, "https://dysmsapi.aliyuncs.com", "cn-hangzhou", templates, 1000);
    }

    private static NotifyProperties properties(String provider, NotifyProperties.Smpp smpp,
            NotifyProperties.Aliyun aliyun) {
        return new NotifyProperties("noreply@gridcase.local", 5000, 8,
                new NotifyProperties.Sms(provider, null, true, smpp, aliyun));
    }

    private static ObjectProvider<java.time.Clock> clock() {
        return new DefaultListableBeanFactory().getBeanProvider(java.time.Clock.class);
    }
}

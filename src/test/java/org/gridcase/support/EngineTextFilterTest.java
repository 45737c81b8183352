package org.gridcase.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EngineTextFilterTest {

    @Test
    void rawAndEscapedCharactersOutsideTheBmpBecomeReplacementCharacters() {
        assertThat(EngineTextFilter.bmpOnly("{\"note\":{\"value\":\"已清运👍\"}}"))
                .isEqualTo("{\"note\":{\"value\":\"已清运\uFFFD\"}}");
        assertThat(EngineTextFilter.bmpOnly("{\"note\":\"ok \\ud83d\\udc4d\"}")).isEqualTo("{\"note\":\"ok \\uFFFD\"}");
        assertThat(EngineTextFilter.bmpOnly("{\"note\":\"网格员张伟 \\u4e2d\"}")).isEqualTo("{\"note\":\"网格员张伟 \\u4e2d\"}");
    }
}

package org.gridcase.support;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/** Moments in API answers are written in Asia/Shanghai with their offset: 2026-12-01T22:46:46+08:00. */
@Configuration
class JsonTime {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ISO_OFFSET_DATE_TIME
            .withZone(ZoneId.of("Asia/Shanghai"));

    @Bean
    Jackson2ObjectMapperBuilderCustomizer shanghaiInstants() {
        return builder -> builder.serializerByType(Instant.class, new StdSerializer<Instant>(Instant.class) {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(FORMAT.format(value.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
            }
        });
    }
}

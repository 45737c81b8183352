package org.gridcase.open311;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.gridcase.support.BusinessClock;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The two GeoReport formats, written from one tree: JSON as it is (arrays at the top where the spec has lists), XML
 * with the spec's element names (a top-level list becomes its root element with one child per item, a nested list
 * one child per item: {@code attributes/attribute}, {@code values/value}, {@code formats/format},
 * {@code endpoints/endpoint}). Both are UTF-8; text is always escaped by the writers (XML by StAX; JSON by Jackson,
 * with {@code < > & '} as unicode escapes too, so no answer can be read as markup), null is an empty element in XML.
 * Moments are W3C ISO-8601 in Asia/Shanghai with their offset.
 */
enum Open311Format {
    XML(new MediaType("text", "xml", StandardCharsets.UTF_8)),
    JSON(new MediaType("application", "json", StandardCharsets.UTF_8));

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(BusinessClock.ZONE);
    private static final Map<String, String> ITEMS = Map.of("attributes", "attribute", "values", "value",
            "formats", "format", "endpoints", "endpoint");
    private static final ObjectMapper JSON_WRITER = new ObjectMapper();

    static {
        JSON_WRITER.getFactory().setCharacterEscapes(new MarkupSafe());
    }

    private final MediaType mediaType;

    Open311Format(MediaType mediaType) {
        this.mediaType = mediaType;
    }

    /** The format a path's extension names; null for any other. */
    static Open311Format of(String extension) {
        if ("xml".equals(extension)) {
            return XML;
        }
        return "json".equals(extension) ? JSON : null;
    }

    /** The format of a request path ({@code ….json}: JSON), XML for everything else, as the spec requires XML. */
    static Open311Format ofPath(String path) {
        return path != null && path.endsWith(".json") ? JSON : XML;
    }

    static String time(Instant at) {
        return at == null ? null : TIME.format(at.truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * The answer: {@code body} is an object or an array; {@code root} names the XML root element, {@code item} the
     * element of each item of a top-level array.
     */
    ResponseEntity<byte[]> answer(int status, String root, String item, JsonNode body) {
        byte[] bytes = this == JSON ? json(body) : xml(root, item, body);
        return ResponseEntity.status(status).header(HttpHeaders.CONTENT_TYPE, mediaType.toString()).body(bytes);
    }

    ResponseEntity<byte[]> errors(int status, List<String> descriptions) {
        ArrayNode errors = NODES.arrayNode();
        for (String description : descriptions) {
            errors.addObject().put("code", status).put("description", description);
        }
        return answer(status, "errors", "error", errors);
    }

    private static byte[] json(JsonNode body) {
        try {
            return JSON_WRITER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain nodes is always writable", e);
        }
    }

    private static byte[] xml(String root, String item, JsonNode body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement(root);
            if (body.isArray()) {
                for (JsonNode each : body) {
                    element(xml, item, each);
                }
            } else {
                children(xml, body);
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new UncheckedIOException(new IOException("writing an Open311 XML answer", e));
        }
        return out.toByteArray();
    }

    private static void children(XMLStreamWriter xml, JsonNode object) throws XMLStreamException {
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            element(xml, field.getKey(), field.getValue());
        }
    }

    private static void element(XMLStreamWriter xml, String name, JsonNode value) throws XMLStreamException {
        if (value == null || value.isNull()) {
            xml.writeEmptyElement(name);
            return;
        }
        xml.writeStartElement(name);
        if (value.isArray()) {
            String item = ITEMS.getOrDefault(name, "item");
            for (JsonNode each : value) {
                element(xml, item, each);
            }
        } else if (value.isObject()) {
            children(xml, value);
        } else {
            xml.writeCharacters(value.asText());
        }
        xml.writeEndElement();
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    static ArrayNode array() {
        return NODES.arrayNode();
    }

    /** Escapes {@code < > & '} in JSON strings as unicode escapes, the rest as Jackson does. */
    private static final class MarkupSafe extends CharacterEscapes {

        private final int[] escapes;

        MarkupSafe() {
            escapes = CharacterEscapes.standardAsciiEscapesForJSON();
            escapes['<'] = CharacterEscapes.ESCAPE_STANDARD;
            escapes['>'] = CharacterEscapes.ESCAPE_STANDARD;
            escapes['&'] = CharacterEscapes.ESCAPE_STANDARD;
            escapes['\''] = CharacterEscapes.ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null;
        }
    }
}

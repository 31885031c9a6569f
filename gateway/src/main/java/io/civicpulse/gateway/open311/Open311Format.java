// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.open311;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import com.fasterxml.jackson.dataformat.xml.ser.ToXmlGenerator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two GeoReport v2 formats. Responses are built once in their JSON shape (maps and lists); XML is derived from
 * it: the document gets its root element, a top-level list becomes repeated item elements, and a nested list
 * ({@code endpoints}, {@code formats}, {@code attributes}, {@code values}) becomes a container of item elements, as
 * the spec's XML examples show. UTF-8 with an XML declaration, as the spec requires.
 */
enum Open311Format {
    /** {@code .json}, {@code application/json}. */
    JSON("application/json; charset=utf-8"),
    /** {@code .xml}, {@code text/xml}. */
    XML("text/xml; charset=utf-8");

    private static final XmlMapper XML_MAPPER = XmlMapper.builder().defaultUseWrapper(false)
            .enable(ToXmlGenerator.Feature.WRITE_XML_DECLARATION).build();
    private static final ObjectMapper JSON_MAPPER = new ObjectMapper();
    private static final Map<String, String> ITEM = Map.of("endpoints", "endpoint", "formats", "format",
            "attributes", "attribute", "values", "value");

    private final String contentType;

    Open311Format(final String contentType) {
        this.contentType = contentType;
    }

    /** @return the HTTP content type */
    String contentType() {
        return contentType;
    }

    /**
     * @param extension {@code json} or {@code xml}
     * @return the format, or null for anything else
     */
    static Open311Format of(final String extension) {
        return switch (extension) {
            case "json" -> JSON;
            case "xml" -> XML;
            default -> null;
        };
    }

    /**
     * @param body     the response in its JSON shape: a list (of maps) or a map
     * @param root     XML root element name ({@code service_requests}, {@code discovery}…)
     * @param itemName XML element of each entry when {@code body} is a list ({@code request}, {@code service}…)
     * @return the serialised document
     */
    String write(final Object body, final String root, final String itemName) {
        try {
            if (this == JSON) {
                return JSON_MAPPER.writeValueAsString(body);
            }
            final Object xmlBody = body instanceof List<?> list ? Map.of(itemName, xmlShape(list)) : xmlShape(body);
            return XML_MAPPER.writer().withRootName(root).writeValueAsString(xmlBody);
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException("cannot write an Open311 " + root + " document", e);
        }
    }

    private static Object xmlShape(final Object node) {
        if (node instanceof Map<?, ?> map) {
            final Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                final String key = String.valueOf(k);
                final Object shaped = xmlShape(v);
                out.put(key, v instanceof List<?> && ITEM.containsKey(key) ? Map.of(ITEM.get(key), shaped) : shaped);
            });
            return out;
        }
        if (node instanceof List<?> list) {
            return list.stream().map(Open311Format::xmlShape).toList();
        }
        return node;
    }
}

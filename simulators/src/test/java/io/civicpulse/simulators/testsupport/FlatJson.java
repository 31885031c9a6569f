// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A tiny strict JSON reader for the simulators' payloads and results: objects, strings without escapes,
 * numbers, booleans. Numbers come back as {@link Long} when integral in the text, else {@link Double};
 * nested objects as maps. Anything else fails the test with the position.
 */
public final class FlatJson {

    private final String text;
    private int pos;

    private FlatJson(final String text) {
        this.text = text;
    }

    /** Parses one JSON object spanning the whole text (surrounding whitespace allowed). */
    public static Map<String, Object> parseObject(final String text) {
        final FlatJson parser = new FlatJson(text);
        parser.skipWhitespace();
        final Map<String, Object> object = parser.object();
        parser.skipWhitespace();
        if (parser.pos != text.length()) {
            throw parser.error("trailing text");
        }
        return object;
    }

    private Map<String, Object> object() {
        expect('{');
        final Map<String, Object> object = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return object;
        }
        while (true) {
            skipWhitespace();
            final String key = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            if (object.put(key, value()) != null) {
                throw error("duplicate key " + key);
            }
            skipWhitespace();
            if (peek() == ',') {
                pos++;
            } else {
                expect('}');
                return object;
            }
        }
    }

    private Object value() {
        final char c = peek();
        if (c == '{') {
            return object();
        }
        if (c == '"') {
            return string();
        }
        if (text.startsWith("true", pos)) {
            pos += 4;
            return Boolean.TRUE;
        }
        if (text.startsWith("false", pos)) {
            pos += 5;
            return Boolean.FALSE;
        }
        return number();
    }

    private Object number() {
        final int start = pos;
        while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        final String token = text.substring(start, pos);
        if (!token.matches("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?")) {
            throw error("not a JSON number: '" + token + "'");
        }
        return token.matches("-?\\d+") ? (Object) Long.parseLong(token) : (Object) Double.parseDouble(token);
    }

    private String string() {
        expect('"');
        final int end = text.indexOf('"', pos);
        if (end < 0) {
            throw error("unterminated string");
        }
        final String value = text.substring(pos, end);
        if (value.indexOf('\\') >= 0) {
            throw error("escapes are not expected in simulator output");
        }
        pos = end + 1;
        return value;
    }

    private void expect(final char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private char peek() {
        if (pos >= text.length()) {
            throw error("unexpected end");
        }
        return text.charAt(pos);
    }

    private void skipWhitespace() {
        while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
    }

    private IllegalArgumentException error(final String message) {
        return new IllegalArgumentException(message + " at " + pos + " in " + text);
    }
}

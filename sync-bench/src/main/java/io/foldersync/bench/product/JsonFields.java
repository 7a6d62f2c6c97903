package io.foldersync.bench.product;

import java.util.Optional;

/**
 * Reads a top-level field of a flat JSON object, such as the {@code /actuator/sync} answer. The
 * benchmark reads three or four fields and depends on no foldersync module (nor on a JSON library);
 * a field of the same name inside a nested object or a string is not mistaken for it.
 */
final class JsonFields {

    private JsonFields() {
    }

    /** The raw text of the field's value (a string without its quotes and unescaped), or empty. */
    static Optional<String> raw(String json, String name) {
        int depth = 0;
        int i = 0;
        int n = json.length();
        while (i < n) {
            char c = json.charAt(i);
            if (c == '"') {
                int end = endOfString(json, i);
                String text = json.substring(i + 1, end);
                int after = skipSpace(json, end + 1);
                if (depth == 1 && after < n && json.charAt(after) == ':' && text.equals(name)) {
                    return Optional.of(value(json, skipSpace(json, after + 1)));
                }
                i = end + 1;
                continue;
            }
            if (c == '{' || c == '[') {
                depth++;
            }
            else if (c == '}' || c == ']') {
                depth--;
            }
            i++;
        }
        return Optional.empty();
    }

    static Optional<Long> number(String json, String name) {
        return raw(json, name).filter(v -> v.matches("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?"))
                .map(v -> (long) Double.parseDouble(v));
    }

    static Optional<Boolean> bool(String json, String name) {
        return raw(json, name).filter(v -> v.equals("true") || v.equals("false")).map(Boolean::parseBoolean);
    }

    /** A string field; JSON null reads as empty. */
    static Optional<String> string(String json, String name) {
        return raw(json, name).filter(v -> !v.equals("null"));
    }

    private static String value(String json, int start) {
        if (start >= json.length()) {
            return "";
        }
        if (json.charAt(start) == '"') {
            return unescape(json.substring(start + 1, endOfString(json, start)));
        }
        int end = start;
        while (end < json.length() && ",}] \n\r\t".indexOf(json.charAt(end)) < 0) {
            end++;
        }
        return json.substring(start, end);
    }

    private static int endOfString(String json, int quote) {
        int i = quote + 1;
        while (i < json.length()) {
            char c = json.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '"') {
                return i;
            }
            i++;
        }
        return json.length();
    }

    private static int skipSpace(String json, int i) {
        while (i < json.length() && Character.isWhitespace(json.charAt(i))) {
            i++;
        }
        return i;
    }

    private static String unescape(String text) {
        if (text.indexOf('\\') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char e = text.charAt(++i);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(text.substring(i + 1, Math.min(text.length(), i + 5)), 16));
                        i += 4;
                    }
                    default -> out.append(e);
                }
            }
            else {
                out.append(c);
            }
        }
        return out.toString();
    }
}

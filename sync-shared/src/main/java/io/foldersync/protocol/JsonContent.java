package io.foldersync.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lists that travel as frame content (a JSON array) instead of in the header, so they are bound
 * by {@code max-file-bytes} rather than by {@code max-header-bytes}, which may be as small as 1 KB.
 */
public final class JsonContent {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private JsonContent() {
    }

    public static Content of(List<?> items) {
        return Content.of(JSON.writeValueAsBytes(items));
    }

    public static <T> List<T> list(Content content, Class<T> type) throws IOException {
        if (content.length() == 0) {
            return List.of();
        }
        try (InputStream in = content.open()) {
            return JSON.readerForListOf(type).readValue(in);
        }
    }
}

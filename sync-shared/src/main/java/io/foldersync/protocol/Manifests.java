package io.foldersync.protocol;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The MANIFEST content (one JSON object a line, so a large folder is not bound by the header
 * limit) and the digest both sides compute over a set of files to see, cheaply, whether
 * they agree: SHA-256 over {@code path NUL sha256 LF} for every file in path order.
 */
public final class Manifests {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private Manifests() {
    }

    public static byte[] encode(Collection<ManifestEntry> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ManifestEntry entry : sorted(entries)) {
            out.writeBytes(JSON.writeValueAsBytes(entry));
            out.write('\n');
        }
        return out.toByteArray();
    }

    public static List<ManifestEntry> decode(Content content) throws IOException {
        List<ManifestEntry> entries = new ArrayList<>();
        try (InputStream in = content.open();
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    entries.add(JSON.readValue(line, ManifestEntry.class));
                }
            }
        }
        return entries;
    }

    public static String digest(Collection<ManifestEntry> entries) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (ManifestEntry entry : sorted(entries)) {
            digest.update(entry.path().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(entry.sha256().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) '\n');
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static List<ManifestEntry> sorted(Collection<ManifestEntry> entries) {
        List<ManifestEntry> list = new ArrayList<>(entries);
        list.sort(Comparator.comparing(ManifestEntry::path));
        return list;
    }
}

package io.foldersync.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The MANIFEST content (one JSON object a line, so a large folder is not bound by the header
 * limit) and the digest both sides compute over a set of files to see, cheaply, whether
 * they agree ({@link Digest}).
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

    /** Writes one entry as a line of MANIFEST content. */
    public static void write(java.io.OutputStream out, ManifestEntry entry) throws IOException {
        out.write(JSON.writeValueAsBytes(entry));
        out.write('\n');
    }

    public static String digest(Collection<ManifestEntry> entries) {
        Digest digest = new Digest();
        entries.forEach(e -> digest.add(e.path(), e.sha256()));
        return digest.hex();
    }

    /**
     * The digest of a set of files, built one file at a time in any order: the sum, modulo 2^256, of
     * SHA-256({@code path NUL sha256}) over the files. Being a sum, it needs no sorting and can be
     * kept up to date file by file; it tells two sets apart, which is all a SUMMARY asks of it (a
     * mismatch only makes the client ask for the manifest).
     */
    public static final class Digest {

        private static final java.math.BigInteger MODULUS = java.math.BigInteger.ONE.shiftLeft(256);

        private java.math.BigInteger sum = java.math.BigInteger.ZERO;

        public void add(String path, String sha256) {
            sum = sum.add(term(path, sha256)).mod(MODULUS);
        }

        public void remove(String path, String sha256) {
            sum = sum.subtract(term(path, sha256)).mod(MODULUS);
        }

        public String hex() {
            String hex = sum.toString(16);
            return "0".repeat(64 - hex.length()) + hex;
        }

        private static java.math.BigInteger term(String path, String sha256) {
            MessageDigest digest;
            try {
                digest = MessageDigest.getInstance("SHA-256");
            }
            catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            digest.update(path.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(sha256.getBytes(StandardCharsets.UTF_8));
            return new java.math.BigInteger(1, digest.digest());
        }
    }

    private static List<ManifestEntry> sorted(Collection<ManifestEntry> entries) {
        List<ManifestEntry> list = new ArrayList<>(entries);
        list.sort((a, b) -> PathOrder.compare(a.path(), b.path())); // the order our server sends
        return list;
    }
}

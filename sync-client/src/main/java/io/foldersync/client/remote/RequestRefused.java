package io.foldersync.client.remote;

/** The server refused a request (an ERROR answering it), or cannot be asked (not connected, no such feature). */
public class RequestRefused extends Exception {

    private final String code;

    public RequestRefused(String code, String message) {
        super(message);
        this.code = code;
    }

    /** The ERROR code ({@code NOT_ALLOWED}, {@code BUSY}...), or {@code UNAVAILABLE} when the server could not be asked. */
    public String code() {
        return code;
    }
}

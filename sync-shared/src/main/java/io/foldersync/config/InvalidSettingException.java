package io.foldersync.config;

/**
 * A setting that binds and validates on its own but cannot be used (an SSL bundle that does not
 * exist, settings that contradict each other): start-up stops with a message naming the property.
 */
public class InvalidSettingException extends RuntimeException {

    private final String property;

    public InvalidSettingException(String property, String problem) {
        this(property, problem, null);
    }

    public InvalidSettingException(String property, String problem, Throwable cause) {
        super(property + ": " + problem, cause);
        this.property = property;
    }

    public String property() {
        return property;
    }
}

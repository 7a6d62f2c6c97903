package io.foldersync.config;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Reports a refused {@code foldersync.*} setting the way the operator writes it: Boot's own
 * report names record components ({@code foldersync.adminToken}); this one names the property
 * ({@code foldersync.admin-token}), says what is wrong and where the value came from.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class SettingsFailureAnalyzer extends AbstractFailureAnalyzer<BindValidationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BindValidationException cause) {
        String prefix = cause.getValidationErrors().getName().toString();
        if (!prefix.startsWith("foldersync")) {
            return null; // not ours: Boot's analyzer reports it
        }
        List<String> lines = new ArrayList<>();
        for (ObjectError error : cause.getValidationErrors()) {
            if (error instanceof FieldError field && !field.getField().startsWith("is")
                    && !isCheckMethod(field.getField())) {
                String property = prefix + "." + kebab(field.getField());
                String origin = originOf(error);
                lines.add("    " + property + ": " + error.getDefaultMessage()
                        + (field.getRejectedValue() != null && !property.contains("token")
                                ? " (value: " + field.getRejectedValue() + ")" : "")
                        + (origin != null ? " [" + origin + "]" : ""));
            }
            else {
                // class-level checks carry the property names in their message
                lines.add("    " + error.getDefaultMessage());
            }
        }
        return new FailureAnalysis("foldersync cannot start: invalid settings\n\n" + String.join("\n", lines),
                "Fix the settings above (command line --name=value, application.yml, or environment variables such "
                        + "as FOLDERSYNC_TOKEN) and start again. See src-docs/configuration.md.",
                cause);
    }

    private static boolean isCheckMethod(String field) {
        // @AssertTrue methods such as isActiveFolderKnown() bind as "activeFolderKnown"
        return field.endsWith("Known") || field.endsWith("Absolute") || field.endsWith("Valid");
    }

    private static String originOf(ObjectError error) {
        Origin origin = Origin.from(error);
        return origin == null ? null : origin.toString();
    }

    static String kebab(String camel) {
        StringBuilder out = new StringBuilder();
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('-').append(Character.toLowerCase(c));
            }
            else {
                out.append(c);
            }
        }
        return out.toString();
    }
}

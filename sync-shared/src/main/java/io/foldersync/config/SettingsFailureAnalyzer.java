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
            String raw = error instanceof FieldError field ? field.getField() : null;
            String path = raw == null ? null : propertyPath(raw);
            String leaf = raw == null ? null : raw.substring(raw.lastIndexOf('.') + 1);
            if (path != null && !leaf.startsWith("is") && !isCheckMethod(leaf)) {
                FieldError field = (FieldError) error;
                String property = prefix + "." + path;
                String origin = originOf(error);
                lines.add("    " + property + ": " + error.getDefaultMessage()
                        + (field.getRejectedValue() != null && !property.contains("token")
                                ? " (value: " + field.getRejectedValue() + ")" : "")
                        + (origin != null ? " [" + origin + "]" : ""));
            }
            else if (path != null && path.contains(".")) {
                // a check of a nested object (a map entry's isArgsValid()): it is about that entry's property
                String owner = path.substring(0, path.lastIndexOf('.'));
                lines.add("    " + prefix + "." + owner + "." + kebab(checkedProperty(leaf)) + ": " + error.getDefaultMessage());
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

    /** {@code commands[build].maxOutput} -> {@code commands.build.max-output}: map keys as written, names in kebab case. */
    static String propertyPath(String field) {
        StringBuilder out = new StringBuilder();
        for (String part : field.split("(?=\\[)|(?<=\\])")) {
            if (part.startsWith("[") && part.endsWith("]")) {
                out.append('.').append(part, 1, part.length() - 1);
            }
            else {
                out.append(kebab(part));
            }
        }
        return out.toString().replace("..", ".");
    }

    /** {@code maxOutputValid} -> {@code max-output}: the property a check method is named after. */
    private static String checkedProperty(String leaf) {
        String name = leaf.replaceFirst("(Valid|Known|Absolute)$", "");
        return name.isEmpty() ? leaf : name;
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

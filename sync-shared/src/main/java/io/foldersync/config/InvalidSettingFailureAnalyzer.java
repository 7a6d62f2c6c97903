package io.foldersync.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/** Reports an {@link InvalidSettingException} as short as a refused setting: the property and what is wrong. */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class InvalidSettingFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSettingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidSettingException cause) {
        String detail = cause.getCause() != null && cause.getCause().getMessage() != null
                ? "\n    (" + cause.getCause().getMessage() + ")" : "";
        return new FailureAnalysis("foldersync cannot start: invalid settings\n\n    " + cause.getMessage() + detail,
                "Fix " + cause.property() + " and start again. See src-docs/configuration.md.", cause);
    }
}

package io.foldersync.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** A {@link Duration} that must be at least {@link #value()} (a Spring duration string such as {@code 5s}). */
@Documented
@Constraint(validatedBy = AtLeast.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface AtLeast {

    String value();

    String message() default "must be at least {value}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<AtLeast, Duration> {

        private Duration minimum;

        @Override
        public void initialize(AtLeast annotation) {
            this.minimum = org.springframework.boot.convert.DurationStyle.detectAndParse(annotation.value());
        }

        @Override
        public boolean isValid(Duration value, ConstraintValidatorContext context) {
            return value == null || value.compareTo(minimum) >= 0;
        }
    }
}

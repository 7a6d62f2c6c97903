package io.foldersync.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.foldersync.config.InvalidSettingException;

class FileNameEncodingTest {

    @Test
    void aUtf8JvmStarts() {
        assertThatCode(() -> FileNameEncoding.require("UTF-8", null, null, "C.UTF-8")).doesNotThrowAnyException();
        assertThat(FileNameEncoding.isUtf8("utf8")).isTrue();
    }

    @Test
    void anAsciiJvmIsRefusedWithTheVariableToSet() {
        assertThatThrownBy(() -> FileNameEncoding.require("ANSI_X3.4-1968", null, null, null))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("ANSI_X3.4-1968")
                .hasMessageContaining("LANG=(unset)")
                .hasMessageContaining("LANG=C.UTF-8");
        assertThat(FileNameEncoding.isUtf8("ISO-8859-1")).isFalse();
        assertThat(FileNameEncoding.isUtf8(null)).isFalse();
    }

    @Test
    void thisTestJvmReadsNamesAsUtf8() {
        // the build runs the tests in a UTF-8 locale (the root pom sets LANG for surefire): the products would refuse otherwise
        assertThat(FileNameEncoding.isUtf8(System.getProperty("sun.jnu.encoding"))).isTrue();
    }
}

package io.foldersync.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileNameEncodingTest {

    @Test
    void aUtf8JvmHasNothingToSay() {
        assertThat(FileNameEncoding.warning("UTF-8", null, null, "C.UTF-8")).isNull();
        assertThat(FileNameEncoding.isUtf8("utf8")).isTrue();
    }

    @Test
    void anAsciiJvmIsToldWhatItSkipsAndWhichVariableToSet() {
        assertThat(FileNameEncoding.warning("ANSI_X3.4-1968", null, null, null))
                .contains("ANSI_X3.4-1968")
                .contains("LANG=(unset)")
                .contains("listed as skipped")
                .contains("LANG=C.UTF-8");
        assertThat(FileNameEncoding.isUtf8("ISO-8859-1")).isFalse();
        assertThat(FileNameEncoding.isUtf8(null)).isFalse();
    }

    @Test
    void thisTestJvmReadsNamesAsUtf8() {
        // the build runs the tests in a UTF-8 locale (the root pom sets LANG for surefire), as the products should run
        assertThat(FileNameEncoding.isUtf8(System.getProperty("sun.jnu.encoding"))).isTrue();
    }
}

package dev.paperledge.ingest.arxiv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ArxivIdTest {

    @ParameterizedTest(name = "[{index}] {0} -> {1} v{2}")
    @CsvSource(nullValues = "-", value = {
            "2106.09685, 2106.09685, -",
            "2106.09685v2, 2106.09685, 2",
            "0704.0001, 0704.0001, -",
            "1412.9999v12, 1412.9999, 12",
            "1501.00001, 1501.00001, -",
            "hep-th/9901001, hep-th/9901001, -",
            "hep-th/9901001v3, hep-th/9901001, 3",
            "math.GT/0309136, math.GT/0309136, -",
            "math.gt/0309136, math.GT/0309136, -",
            "cond-mat/0703001, cond-mat/0703001, -",
            "solv-int/9912001, solv-int/9912001, -",
            "arXiv:2106.09685, 2106.09685, -",
            "ARXIV:2106.09685v2, 2106.09685, 2",
            "arxiv:hep-th/9901001, hep-th/9901001, -",
            "'  2106.09685  ', 2106.09685, -",
            "https://arxiv.org/abs/2106.09685, 2106.09685, -",
            "http://arxiv.org/abs/2106.09685v2, 2106.09685, 2",
            "https://www.arxiv.org/abs/2106.09685, 2106.09685, -",
            "https://export.arxiv.org/abs/2106.09685, 2106.09685, -",
            "arxiv.org/abs/2106.09685, 2106.09685, -",
            "https://arxiv.org/abs/2106.09685/, 2106.09685, -",
            "https://arxiv.org/abs/2106.09685?context=cs, 2106.09685, -",
            "https://arxiv.org/abs/2106.09685#section, 2106.09685, -",
            "https://arxiv.org/pdf/2106.09685, 2106.09685, -",
            "https://arxiv.org/pdf/2106.09685v2.pdf, 2106.09685, 2",
            "https://arxiv.org/pdf/2106.09685.pdf, 2106.09685, -",
            "https://arxiv.org/html/2106.09685v2, 2106.09685, 2",
            "https://arxiv.org/abs/hep-th/9901001, hep-th/9901001, -",
            "https://arxiv.org/pdf/math.GT/0309136v1, math.GT/0309136, 1",
            "HTTPS://ARXIV.ORG/ABS/2106.09685, 2106.09685, -" })
    void acceptsEveryFormAndNormalises(String input, String id, Integer version) {
        ArxivId parsed = ArxivId.parse(input).orElseThrow(() -> new AssertionError("rejected " + input));
        assertThat(parsed.id()).isEqualTo(id);
        assertThat(parsed.version()).isEqualTo(version);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                "", " ", "\t\n", "2106", "2106.", "2106.0968", "2106.096855", "2106.09685v", "2106.09685v0",
                "2106.09685v2v3", "2113.09685", "2100.09685", "0703.0001", "0704.00001", "1501.0001", "2106.00000",
                "2106 .09685", "2106.09685 v2", "2106,09685", "２１０６.０９６８５", "2106.0968５", "2106․09685",
                "hep-th/990100", "hep-th/99010011", "hep-th/9913001", "hep-th/0801001", "foo-bar/9901001",
                "math.ZZ/0309136", "math.GT/", "/9901001", "../2106.09685", "2106.09685/../../etc/passwd",
                "..%2F2106.09685", "https://evil.example/abs/2106.09685", "https://arxiv.org.evil.example/abs/2106.09685",
                "https://evil.example/?u=https://arxiv.org/abs/2106.09685", "ftp://arxiv.org/abs/2106.09685",
                "https://arxiv.org/list/2106.09685", "https://arxiv.org/abs/", "https://arxiv.org/abs/not-an-id",
                "file:///etc/passwd", "http://127.0.0.1:8081/api/papers", "arXiv:", "arXiv: ", "doi:10.48550/arXiv.2106.09685",
                "2106.09685\u0000", "2106.09685\u200b", "<script>alert(1)</script>", "'; DROP TABLE paper; --",
                "2106.09685 2106.09686", "2106.09685,2106.09686", "1".repeat(10_000), "a".repeat(10_240),
                "https://arxiv.org/abs/" + "1".repeat(500))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "[{index}] rejects {0}")
    @MethodSource("malformed")
    void rejectsAnythingElse(String input) {
        assertThat(ArxivId.parse(input)).as(input).isEmpty();
    }

    @Test
    void rejectsNull() {
        assertThat(ArxivId.parse(null)).isEmpty();
    }

    @Test
    void thereAreMoreThanThirtyMalformedCases() {
        assertThat(malformed().count()).isGreaterThanOrEqualTo(30);
    }

    @Test
    void withVersionIsWhatTheApiIsAskedFor() {
        assertThat(ArxivId.of("2106.09685v2").withVersion()).isEqualTo("2106.09685v2");
        assertThat(ArxivId.of("hep-th/9901001").withVersion()).isEqualTo("hep-th/9901001");
        assertThat(ArxivId.of("hep-th/9901001").oldStyle()).isTrue();
    }
}

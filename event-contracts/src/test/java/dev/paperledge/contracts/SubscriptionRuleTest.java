package dev.paperledge.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;
import io.quarkus.kafka.client.serialization.ObjectMapperSerializer;

class SubscriptionRuleTest {
    static final ObjectMapper QUARKUS_LIKE = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    static PaperSummary paper(String title, String abstractText, List<String> authors, List<String> categories) {
        return new PaperSummary(title, authors, abstractText, categories.get(0), null, LocalDate.of(2024, 1, 2),
                "https://arxiv.org/abs/2401.00001", categories);
    }

    static final PaperSummary PLASMIDS = paper("Where plasmids spread: conjugation networks in soil bacteria",
            "We map horizontal gene transfer among soil microbes and measure how antibiotic resistance travels.",
            List.of("Ana Pérez-García", "J. Smith"), List.of("q-bio.PE", "q-bio.GN"));

    @Test
    void theArxivQueryJoinsFacetsWithAndAndValuesWithOr() {
        SubscriptionRule rule = new SubscriptionRule("bio", "Microbes", List.of("q-bio.PE", "q-bio.GN"),
                List.of("gene transfer"), List.of("Ana Perez-Garcia"), 3, "solo");
        assertThat(rule.arxivQuery()).isEqualTo("(cat:q-bio.PE OR cat:q-bio.GN) AND (ti:\"gene transfer\" OR "
                + "abs:\"gene transfer\") AND (au:\"Ana Perez-Garcia\")");
        assertThat(new SubscriptionRule("c", "C", List.of("cs.CL"), null, null, 1, null).arxivQuery())
                .isEqualTo("(cat:cs.CL)");
    }

    @Test
    void aPaperMatchesByAnyOfItsCategoriesAnyKeywordAndAnyAuthor() {
        assertThat(new SubscriptionRule("g", "G", List.of("q-bio.GN"), List.of(), List.of(), 1, null).matches(PLASMIDS))
                .as("a cross-list counts").isTrue();
        assertThat(new SubscriptionRule("g", "G", List.of("cs.CL"), List.of(), List.of(), 1, null).matches(PLASMIDS))
                .isFalse();
        assertThat(new SubscriptionRule("k", "K", List.of(), List.of("Plasmid", "quantum"), List.of(), 1, null)
                .matches(PLASMIDS)).as("case and plural").isTrue();
        assertThat(new SubscriptionRule("k", "K", List.of(), List.of("gene transfers"), List.of(), 1, null)
                .matches(PLASMIDS)).isTrue();
        assertThat(new SubscriptionRule("k", "K", List.of(), List.of("transfer gene"), List.of(), 1, null)
                .matches(PLASMIDS)).as("a phrase keeps its order").isFalse();
        assertThat(new SubscriptionRule("k", "K", List.of(), List.of("plasm"), List.of(), 1, null).matches(PLASMIDS))
                .as("whole words only").isFalse();
        assertThat(new SubscriptionRule("a", "A", List.of(), List.of(), List.of("Ana Perez Garcia"), 1, null)
                .matches(PLASMIDS)).as("accents and hyphens").isTrue();
        assertThat(new SubscriptionRule("a", "A", List.of(), List.of(), List.of("John Smith"), 1, null)
                .matches(PLASMIDS)).as("a full name does not match another first name's initial").isFalse();
        assertThat(new SubscriptionRule("a", "A", List.of(), List.of(), List.of("J Smith"), 1, null).matches(PLASMIDS))
                .isTrue();
        assertThat(new SubscriptionRule("x", "X", List.of("q-bio.PE"), List.of("quantum"), List.of(), 1, null)
                .matches(PLASMIDS)).as("facets are ANDed").isFalse();
        assertThat(new SubscriptionRule("e", "E", List.of(" ", ""), null, null, 1, null).empty()).isTrue();
    }

    @Test
    void aRuleRoundTripsAsJsonAndATombstoneReadsAsNull() {
        SubscriptionRule rule = new SubscriptionRule("nlp", "Language", List.of("cs.CL"), List.of("speech"), List.of(),
                5, "duo");
        byte[] bytes;
        try (ObjectMapperSerializer<SubscriptionRule> s = new ObjectMapperSerializer<>(QUARKUS_LIKE)) {
            bytes = s.serialize(Topics.SUBSCRIPTIONS, rule);
        }
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"dailyCap\":5");
        try (ObjectMapperDeserializer<SubscriptionRule> d = new ObjectMapperDeserializer<>(SubscriptionRule.class,
                QUARKUS_LIKE)) {
            assertThat(d.deserialize(Topics.SUBSCRIPTIONS, bytes)).isEqualTo(rule);
            assertThat(d.deserialize(Topics.SUBSCRIPTIONS, null)).isNull();
        }
    }

    @Test
    void aSummaryWithoutCategoriesReadsAsItsPrimaryAloneAndThePrimaryComesFirst() throws Exception {
        PaperSummary old = QUARKUS_LIKE.readValue("{\"title\":\"T\",\"primaryCategory\":\"cs.CL\"}", PaperSummary.class);
        assertThat(old.categories()).containsExactly("cs.CL");
        assertThat(paper("T", "a", List.of(), List.of("cs.LG", "cs.CL", "cs.LG")).categories())
                .containsExactly("cs.LG", "cs.CL");
        PaperSummary back = QUARKUS_LIKE.readValue(QUARKUS_LIKE.writeValueAsBytes(PLASMIDS), PaperSummary.class);
        assertThat(back).isEqualTo(PLASMIDS);
    }
}

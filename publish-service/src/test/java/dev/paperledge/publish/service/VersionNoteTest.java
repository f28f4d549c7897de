package dev.paperledge.publish.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VersionNoteTest {
    static final String V1 = "We count sheep at night. Sheep are many.\nThe fence is low.";

    @Test
    void anAddedSentenceIsQuotedAsNew() {
        assertThat(VersionNote.of(2, V1, V1 + " Goats are counted too."))
                .isEqualTo("Updated for v2: new in the abstract: \u201cGoats are counted too.\u201d.");
    }

    @Test
    void aRemovedAndARewordedSentenceAreBothSaid() {
        String v3 = "We count sheep at dawn. The fence is low.";
        assertThat(VersionNote.of(3, V1, v3)).isEqualTo("Updated for v3: the abstract now says \u201cWe count sheep at"
                + " dawn.\u201d where it said \u201cWe count sheep at night. Sheep are many.\u201d.");
        assertThat(VersionNote.of(3, V1, "We count sheep at night. The fence is low."))
                .isEqualTo("Updated for v3: no longer in the abstract: \u201cSheep are many.\u201d.");
    }

    @Test
    void reWrappedLinesAreNoChangeAndAMissingOldAbstractIsSaidPlainly() {
        assertThat(VersionNote.of(2, V1, "We count   sheep at night.\nSheep are many. The fence is low."))
                .isEqualTo("Updated for v2: the abstract is unchanged.");
        assertThat(VersionNote.of(2, null, V1)).isEqualTo("Updated for v2: a new version of the paper.");
    }

    @Test
    void aRewrittenAbstractIsCutShort() {
        String long1 = "Old sentence number one. ".repeat(80);
        String long2 = "A new sentence entirely. ".repeat(80);
        String note = VersionNote.of(4, long1, long2);
        assertThat(note).startsWith("Updated for v4: the abstract now says").endsWith("…");
        assertThat(note.length()).isLessThanOrEqualTo("Updated for v4: ".length() + VersionNote.MAX_CHANGES);
    }
}

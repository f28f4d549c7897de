package dev.paperledge.audio.mix;

import java.util.ArrayList;
import java.util.List;

import com.mpatric.mp3agic.ID3v24Tag;
import com.mpatric.mp3agic.ID3v2ChapterFrameData;
import com.mpatric.mp3agic.ID3v2ChapterTOCFrameData;
import com.mpatric.mp3agic.ID3v2TextFrameData;
import com.mpatric.mp3agic.EncodedText;
import com.mpatric.mp3agic.NotSupportedException;

/**
 * Prepends an ID3v2.4 tag (mp3agic) to MP3 frames: title, artist, album, year, a comment with the
 * paper's link, and a CHAP frame per chapter under one ordered top-level CTOC.
 */
public final class Id3Tagger {
    /** The tag's text fields. */
    public record Tags(String title, String artist, String album, String year, String comment) {
    }

    private Id3Tagger() {
    }

    public static byte[] tag(byte[] mp3Frames, Tags tags, List<Timeline.Chapter> chapters) {
        ID3v24Tag tag = new ID3v24Tag();
        tag.setTitle(tags.title());
        tag.setArtist(tags.artist());
        tag.setAlbumArtist(tags.artist());
        tag.setAlbum(tags.album());
        tag.setYear(tags.year());
        tag.setComment(tags.comment());
        tag.setEncoder("PaperLedge audio-service (jump3r)");
        tag.setPadding(false);
        if (!chapters.isEmpty()) {
            ArrayList<ID3v2ChapterFrameData> chaps = new ArrayList<>();
            String[] ids = new String[chapters.size()];
            for (int i = 0; i < chapters.size(); i++) {
                Timeline.Chapter c = chapters.get(i);
                ids[i] = "ch" + i;
                // Byte offsets 0xFFFFFFFF mean "not given": players use the times.
                ID3v2ChapterFrameData chap = new ID3v2ChapterFrameData(false, ids[i], (int) c.startMs(), (int) c.endMs(),
                        -1, -1);
                chap.addSubframe("TIT2", new ID3v2TextFrameData(false, new EncodedText(c.title())));
                chaps.add(chap);
            }
            ID3v2ChapterTOCFrameData toc = new ID3v2ChapterTOCFrameData(false, true, true, "toc", ids);
            ArrayList<ID3v2ChapterTOCFrameData> tocs = new ArrayList<>();
            tocs.add(toc);
            tag.setChapters(chaps);
            tag.setChapterTOC(tocs);
        }
        try {
            byte[] header = tag.toBytes();
            byte[] out = new byte[header.length + mp3Frames.length];
            System.arraycopy(header, 0, out, 0, header.length);
            System.arraycopy(mp3Frames, 0, out, header.length, mp3Frames.length);
            return out;
        } catch (NotSupportedException e) {
            throw new IllegalStateException("ID3 tag could not be written: " + e.getMessage(), e);
        }
    }
}

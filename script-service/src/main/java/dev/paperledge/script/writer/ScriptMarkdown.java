package dev.paperledge.script.writer;

import dev.paperledge.contracts.EpisodeScript;

/** The script rendered as Markdown ({@code script.md}): title, description, one heading per section. */
public final class ScriptMarkdown {
    private ScriptMarkdown() {
    }

    public static String render(EpisodeScript s) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(s.episodeTitle()).append("\n\n");
        sb.append("_").append(s.description()).append("_\n\n");
        sb.append("<!-- arXiv ").append(s.arxivId()).append("v").append(s.version()).append(", writer: ")
                .append(s.writer()).append(", words: ").append(s.wordCount()).append(" -->\n\n");
        for (EpisodeScript.Section sec : s.sections()) {
            sb.append("## ").append(sec.title()).append("\n\n");
            sb.append(sec.text().strip()).append("\n\n");
        }
        return sb.toString();
    }
}

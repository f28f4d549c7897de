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
                .append(s.writer()).append(", words: ").append(s.wordCount()).append(", format: ").append(s.format());
        if (!s.hosts().isEmpty()) {
            sb.append(", hosts: ").append(String.join(" and ", s.hosts().stream().map(EpisodeScript.Host::name).toList()));
        }
        sb.append(" -->\n\n");
        for (EpisodeScript.Section sec : s.sections()) {
            sb.append("## ").append(sec.title()).append("\n\n");
            if (sec.lines().isEmpty()) {
                sb.append(sec.text().strip()).append("\n\n");
            }
            for (EpisodeScript.Line line : sec.lines()) {
                sb.append("**").append(line.speaker()).append(":** ").append(line.text().strip().replace("\n", "\n\n"))
                        .append("\n\n");
            }
        }
        return sb.toString();
    }
}

package dev.paperledge.ingest.rest;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.paperledge.ingest.domain.Paper;
import dev.paperledge.ingest.domain.StageProgress;

/** Builds paper views with their stage rows in one query (inside a transaction or request). */
public final class Views {
    private Views() {
    }

    public static List<PaperView> withStages(List<Paper> papers) {
        if (papers.isEmpty()) {
            return List.of();
        }
        List<String> ids = papers.stream().map(p -> p.arxivId).toList();
        Map<String, List<StageProgress>> rows = StageProgress.<StageProgress>list("id.arxivId in ?1", ids).stream()
                .collect(Collectors.groupingBy(r -> r.id.arxivId));
        return papers.stream().map(p -> PaperView.of(p, null, rows.getOrDefault(p.arxivId, List.of()))).toList();
    }
}

package dev.paperledge.ingest.rest;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.paperledge.ingest.domain.Paper;
import dev.paperledge.ingest.status.StageProgress;
import dev.paperledge.ingest.status.StatusRecord;

/** Builds paper views with their status and stage rows, one query each (inside a transaction or request). */
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
        Map<String, StatusRecord> status = StatusRecord.<StatusRecord>list("arxivId in ?1", ids).stream()
                .collect(Collectors.toMap(s -> s.arxivId, s -> s));
        return papers.stream().filter(p -> status.containsKey(p.arxivId))
                .map(p -> PaperView.of(p, status.get(p.arxivId), null, rows.getOrDefault(p.arxivId, List.of())))
                .toList();
    }
}

package dev.paperledge.script.writer;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The words of the host's own chatter: every word of the show's templates, field lines and
 * analogies, plus the conversational words a host uses on any topic. A sentence made only of them
 * says nothing about the paper, so the support check leaves it alone.
 */
final class HostVocabulary {
    static final Set<String> STEMS = build();

    private HostVocabulary() {
    }

    private static Set<String> build() {
        StringBuilder text = new StringBuilder("""
                ernis paperledge learning crew host show episode listener listeners folks everyone today really actually
                basically pretty kind sort lot lots thing things stuff idea ideas cool fascinating amazing wow exciting
                interesting clever neat simple simply imagine think picture remember basically honestly researchers
                authors author team paper papers study studies work works research scientists way ways bit little big
                huge tiny whole part parts point points question questions answer answers look looks find finds found
                result results show shows showed shown say says said tell tells told explain explains means mean makes
                make made get gets got going goes take takes put puts come comes came need needs want wants unpack unpacks
                """);
        for (Field f : Templates.class.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            try {
                f.setAccessible(true);
                Object v = f.get(null);
                if (v instanceof String[] a) {
                    text.append(' ').append(String.join(" ", a));
                } else if (v instanceof List<?> l) {
                    l.forEach(x -> text.append(' ').append(x));
                } else if (v instanceof String line) {
                    text.append(' ').append(line);
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        for (FieldProfile p : FieldProfile.values()) {
            p.audiences().forEach(g -> g.forEach(x -> text.append(' ').append(x)));
            p.questions().forEach(x -> text.append(' ').append(x));
        }
        for (AnalogyLibrary.Analogy a : AnalogyLibrary.load().all()) {
            text.append(' ').append(a.text()).append(' ').append(a.elaboration()).append(' ').append(a.callback());
        }
        Set<String> out = new HashSet<>(ScriptGate.stems(text.toString()));
        out.remove("{subject}");
        return out;
    }
}

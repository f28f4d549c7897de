package dev.paperledge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;

import dev.paperledge.contracts.Topics;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;

/**
 * A schema check of what deploy/ ships, runnable without Docker or a cluster: every Kubernetes
 * manifest binds strictly to the Kubernetes API model (an unknown or misspelt field fails), the
 * objects reference each other consistently, and Compose, the local script and the contracts agree
 * on the topics.
 */
class DeployManifestsTest {
    private static final Path DEPLOY = E2eStack.ROOT.resolve("deploy");
    private static final Map<String, Class<?>> KINDS = Map.of("Deployment", Deployment.class, "Service", Service.class,
            "ConfigMap", ConfigMap.class, "HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "Namespace", Namespace.class);

    /** Jackson without the models' catch-all for unknown fields, failing on any of them. */
    private static final ObjectMapper STRICT = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(Annotated a) {
                    return false;
                }
            });

    private record Doc(Path file, Object object) {
    }

    private static List<Doc> manifests(Path dir) throws IOException {
        List<Doc> docs = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml") && !p.endsWith("kustomization.yaml")).toList()) {
                for (Object raw : new Yaml().loadAll(Files.readString(f))) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> map = (Map<String, Object>) raw;
                    String kind = String.valueOf(map.get("kind"));
                    assertThat(KINDS).as("kind %s in %s", kind, f).containsKey(kind);
                    try {
                        docs.add(new Doc(f, STRICT.convertValue(map, KINDS.get(kind))));
                    } catch (IllegalArgumentException e) {
                        throw new AssertionError(f + ": " + kind + " does not match the Kubernetes schema: " + e.getMessage(), e);
                    }
                }
            }
        }
        return docs;
    }

    @Test
    void everyKubernetesManifestMatchesTheApiSchema() throws IOException {
        List<Doc> docs = manifests(DEPLOY.resolve("k8s"));
        assertThat(docs).hasSizeGreaterThanOrEqualTo(11);
    }

    @Test
    void deploymentsAreProbedScrapedBoundedAndReachable() throws IOException {
        List<Doc> docs = manifests(DEPLOY.resolve("k8s/base"));
        List<Deployment> deployments = docs.stream().map(Doc::object).filter(Deployment.class::isInstance).map(Deployment.class::cast).toList();
        assertThat(deployments).extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrder("ingest-service", "script-service", "audio-service", "publish-service");
        Set<String> configMaps = new LinkedHashSet<>();
        docs.stream().map(Doc::object).filter(ConfigMap.class::isInstance)
                .forEach(c -> configMaps.add(((ConfigMap) c).getMetadata().getName()));
        for (Deployment d : deployments) {
            assertThat(d.getSpec().getTemplate().getMetadata().getLabels())
                    .containsAllEntriesOf(d.getSpec().getSelector().getMatchLabels());
            Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
            assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
            assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
            assertThat(c.getResources().getLimits()).containsKeys("cpu", "memory");
            c.getEnvFrom().stream().filter(e -> e.getConfigMapRef() != null)
                    .forEach(e -> assertThat(configMaps).contains(e.getConfigMapRef().getName()));
            assertThat(d.getSpec().getTemplate().getMetadata().getAnnotations()).containsEntry("prometheus.io/path", "/q/metrics");
            // Metrics live on the management port, which the container declares and no Service routes.
            int management = c.getPorts().stream().filter(p -> "management".equals(p.getName())).findFirst()
                    .orElseThrow(() -> new AssertionError(d.getMetadata().getName() + " declares no management port"))
                    .getContainerPort();
            assertThat(d.getSpec().getTemplate().getMetadata().getAnnotations())
                    .containsEntry("prometheus.io/port", String.valueOf(management));
            assertThat(c.getEnv()).anySatisfy(e -> {
                assertThat(e.getName()).isEqualTo("PAPERLEDGE_MANAGEMENT_PORT");
                assertThat(e.getValue()).isEqualTo(String.valueOf(management));
            });
            for (Object o : docs.stream().map(Doc::object).toList()) {
                if (o instanceof Service s) {
                    assertThat(s.getSpec().getPorts()).noneSatisfy(p -> assertThat(p.getPort()).isEqualTo(management));
                }
            }
        }
        assertThat(docs.stream().map(Doc::object).filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
                .filter(c -> c.getMetadata().getName().equals("paperledge-config")).findFirst().orElseThrow().getData())
                .containsEntry("PAPERLEDGE_MANAGEMENT_HOST", "0.0.0.0");
        for (Object o : docs.stream().map(Doc::object).toList()) {
            if (o instanceof Service s) {
                assertThat(deployments).anySatisfy(d -> assertThat(d.getSpec().getTemplate().getMetadata().getLabels())
                        .containsAllEntriesOf(s.getSpec().getSelector()));
            }
            if (o instanceof HorizontalPodAutoscaler h) {
                assertThat(deployments).extracting(d -> d.getMetadata().getName()).contains(h.getSpec().getScaleTargetRef().getName());
                assertThat(h.getSpec().getMaxReplicas()).isGreaterThanOrEqualTo(h.getSpec().getMinReplicas());
            }
        }
    }

    @Test
    void kustomizationsListOnlyFilesThatExist() throws IOException {
        for (Path k : List.of(DEPLOY.resolve("k8s/base/kustomization.yaml"), DEPLOY.resolve("k8s/overlays/local/kustomization.yaml"))) {
            Map<String, Object> map = new Yaml().load(Files.readString(k));
            @SuppressWarnings("unchecked")
            List<String> resources = (List<String>) map.get("resources");
            for (String r : resources) {
                Path p = k.getParent().resolve(r).normalize();
                assertThat(Files.isRegularFile(p) || Files.isRegularFile(p.resolve("kustomization.yaml")))
                        .as("%s lists %s", k, r).isTrue();
            }
        }
    }

    @Test
    void composeLocalScriptAndContractsAgreeOnTopicsAndServices() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(DEPLOY.resolve("compose/docker-compose.yml")));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        for (String s : List.of("ingest-service", "script-service", "audio-service", "publish-service")) {
            assertThat(services).containsKey(s);
            assertThat(E2eStack.ROOT.resolve(s).resolve("pom.xml")).exists();
        }
        assertThat(services).containsKeys("kafka", "minio", "postgres", "prometheus", "grafana");
        // compose creates the topics in loops (the compacted ones with their cleanup policy).
        String init = String.valueOf(services.get("kafka-init").get("command"));
        assertThat(topicsIn(init, "for t in ([^;]+);")).containsExactlyInAnyOrderElementsOf(Topics.ALL);
        assertThat(topicsIn(init, "for t in ([^;]+);(?=\\s*do[^;]*cleanup\\.policy=compact)"))
                .containsExactlyInAnyOrderElementsOf(Topics.COMPACTED);
        String infra = Files.readString(DEPLOY.resolve("local/infra.sh"));
        assertThat(topicsIn(infra, "\\bTOPICS=\\(([^)]+)\\)")).containsExactlyInAnyOrderElementsOf(Topics.ALL);
        assertThat(topicsIn(infra, "COMPACTED_TOPICS=\\(([^)]+)\\)")).containsExactlyInAnyOrderElementsOf(Topics.COMPACTED);
        // Prometheus scrapes each service's management port (its port + 1000), which compose does not publish.
        String prometheus = Files.readString(DEPLOY.resolve("observability/prometheus-compose.yml"));
        for (String s : List.of("ingest-service", "script-service", "audio-service", "publish-service")) {
            String published = String.valueOf(services.get(s).get("ports"));
            Matcher port = Pattern.compile("\"?(\\d+):(\\d+)").matcher(published);
            assertThat(port.find()).as("%s publishes its port", s).isTrue();
            int management = Integer.parseInt(port.group(2)) + 1000;
            assertThat(prometheus).contains("\"" + s + ":" + management + "\"");
            assertThat(published).doesNotContain(String.valueOf(management));
        }
        assertThat(DEPLOY.resolve("docker/Dockerfile.jvm")).exists();
    }

    /** Every topic named by the regex's matches (group 1 of each, words). */
    private static List<String> topicsIn(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        List<String> topics = new java.util.ArrayList<>();
        while (m.find()) {
            topics.addAll(List.of(m.group(1).trim().split("\\s+")));
        }
        assertThat(topics).as("topic list %s", regex).isNotEmpty();
        return topics;
    }
}

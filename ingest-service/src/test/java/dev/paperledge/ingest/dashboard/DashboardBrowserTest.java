package dev.paperledge.ingest.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperledge.contracts.RetryRequested;
import dev.paperledge.contracts.Stage;
import dev.paperledge.contracts.Topics;
import dev.paperledge.ingest.support.Api;
import dev.paperledge.ingest.support.Atom;
import dev.paperledge.ingest.support.Fixtures;
import dev.paperledge.ingest.support.KafkaProbe;
import dev.paperledge.ingest.support.Papers;
import dev.paperledge.ingest.support.Rules;
import dev.paperledge.ingest.support.StageEvents;
import dev.paperledge.ingest.support.StandInResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The dashboard in a real headless Chromium (Debian's chromium + chromium-driver): a submission's row
 * moves through the stages without a reload while the later stages' events arrive on the real
 * broker; a failure shows its reason; Retry sends RetryRequested on pipeline.retries.
 */
@QuarkusTest
@WithTestResource(StandInResource.class)
class DashboardBrowserTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    static WebDriver driver;
    static Path profile;

    @TestHTTPResource("/")
    String page;

    @Inject
    StageEvents stages;
    @Inject
    ObjectMapper json;

    @BeforeAll
    static void browser() throws Exception {
        profile = Files.createTempDirectory("dashboard-chromium");
        ChromeOptions o = new ChromeOptions();
        o.setBinary("/usr/bin/chromium");
        o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        driver = new ChromeDriver(service, o);
    }

    @AfterAll
    static void close() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        if (profile != null) {
            try (var walk = Files.walk(profile)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private WebElement row(String id) {
        return new WebDriverWait(driver, WAIT).until(
                ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-id='" + id + "']")));
    }

    // Rows are replaced on every update: read them in one script call, never through a held element.
    private void awaitRowStatus(String id, String status) {
        new WebDriverWait(driver, WAIT).pollingEvery(Duration.ofMillis(100)).until(d -> status.equals(js(
                "const r = document.querySelector(\"tr[data-id='" + id + "']\"); return r ? r.dataset.status : null")));
    }

    private String cell(String id, String cls) {
        return (String) js("const c = document.querySelector(\"tr[data-id='" + id + "'] td." + cls.replace("\"", "\\\"")
                + "\"); return c ? c.textContent : null");
    }

    private Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    private void openWithKey() {
        driver.get(page);
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBe(By.id("live"), "live"));
        if (driver.findElement(By.id("key-form")).isDisplayed()) {
            driver.findElement(By.id("key-input")).sendKeys(Api.KEY);
            driver.findElement(By.id("key-save")).click();
        }
        js("window.__sameLoad = 'yes'"); // gone if the page ever reloads
    }

    @Test
    void aSubmittedPaperMovesThroughEveryStageLiveAndAFailureCanBeRetried() throws Exception {
        KafkaProbe.awaitTopicsAssigned("ingest-service-status-test", java.util.Set.of(Topics.SCRIPTS_READY,
                Topics.AUDIO_READY, Topics.EPISODES_PUBLISHED, Topics.PIPELINE_FAILURES), Duration.ofSeconds(45));
        openWithKey();
        assertThat(js("return sessionStorage.getItem('paperledge.operatorKey')")).isEqualTo(Api.KEY);
        assertThat(driver.manage().getCookies()).isEmpty();

        // Submit: ingest runs here (against the arXiv stand-in); the row appears and reaches INGESTED.
        String id = Fixtures.randomId();
        Fixtures.write(StandInResource.folder(), id, ".atom.xml", Atom.simple(id, 1));
        driver.findElement(By.id("submit-id")).sendKeys("https://arxiv.org/abs/" + id);
        driver.findElement(By.id("submit-btn")).click();
        row(id);
        awaitRowStatus(id, "INGESTED");
        assertThat(cell(id, "stage[data-stage='ingest']")).startsWith("done");
        assertThat(cell(id, "stage[data-stage='script']")).startsWith("running");

        // The later stages report on the real broker, as their services would.
        stages.scriptReady(id, 1, 1);
        awaitRowStatus(id, "SCRIPTED");
        // The script's explanation figures show under its stage.
        new WebDriverWait(driver, WAIT).until(d -> !d.findElements(
                By.cssSelector("tr[data-id='" + id + "'] td.stage[data-stage='script'] .explanation")).isEmpty());
        assertThat(driver.findElement(By.cssSelector("tr[data-id='" + id + "'] td.stage[data-stage='script'] .explanation"))
                .getText()).isEqualTo("recital 3.5% · repeats 0 · 3 sections");
        stages.audioReady(id, 1, 1);
        awaitRowStatus(id, "VOICED");
        // The listening check: one dot per section, coloured by its verdict, figures on hover.
        new WebDriverWait(driver, WAIT).until(d -> d.findElements(
                By.cssSelector("tr[data-id='" + id + "'] td.stage[data-stage='audio'] .listening .dot")).size() == 2);
        List<WebElement> dots = driver.findElements(By.cssSelector("tr[data-id='" + id + "'] td.stage[data-stage='audio'] .listening .dot"));
        assertThat(dots.get(0).getDomAttribute("class")).isEqualTo("dot green");
        assertThat(dots.get(1).getDomAttribute("class")).isEqualTo("dot amber");
        assertThat(dots.get(1).getDomAttribute("title")).contains("What they found").contains("word error 30%")
                .contains("bare engine 27%").contains("rendered twice");
        stages.published(id, 1, 1, "http://localhost:8080/episodes/" + id);
        awaitRowStatus(id, "PUBLISHED");
        assertThat(driver.findElements(By.cssSelector("tr[data-id='" + id + "'] td.stage.done"))).hasSize(4);
        WebElement episode = driver.findElement(By.cssSelector("tr[data-id='" + id + "'] td.episode a"));
        assertThat(episode.getDomAttribute("href")).isEqualTo("http://localhost:8080/episodes/" + id);
        assertThat(driver.findElement(By.id("feed-link")).getDomAttribute("href"))
                .isEqualTo("http://localhost:8080/feed.xml");
        new WebDriverWait(driver, WAIT).until(d -> !d.findElement(By.id("count-published")).getText().equals("–"));

        // A paper whose title carries markup fails in the script stage: the reason shows, the markup stays text.
        String broken = Fixtures.randomId();
        Papers.ingested(broken, 1);
        Papers.title(broken, "<img src=x onerror=\"window.__xss=1\"> & <b>bold</b>");
        stages.failed(broken, 1, 1, Stage.SCRIPT, 1, "the writer found <no> text to ground a script on");
        row(broken);
        awaitRowStatus(broken, "FAILED");
        assertThat(cell(broken, "reason")).contains("script: the writer found <no> text to ground a script on");
        assertThat(cell(broken, "paper")).contains("<img src=x onerror=\"window.__xss=1\"> & <b>bold</b>");
        assertThat(driver.findElements(By.cssSelector("tr[data-id='" + broken + "'] img"))).isEmpty();
        assertThat(driver.findElements(By.cssSelector("tr[data-id='" + broken + "'] b"))).isEmpty();
        assertThat(js("return window.__xss === undefined")).isEqualTo(true);

        // Retry: the RetryRequested goes out on pipeline.retries and the row leaves FAILED.
        try (KafkaProbe retries = new KafkaProbe(Topics.PIPELINE_RETRIES)) {
            new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class).until(d -> {
                d.findElement(By.cssSelector("tr[data-id='" + broken + "'] button.retry")).click();
                return true;
            });
            List<ConsumerRecord<String, String>> r = retries.await(broken, 1, WAIT);
            assertThat(r).hasSize(1);
            RetryRequested event = json.readValue(r.get(0).value(), RetryRequested.class);
            assertThat(event.retryStage()).isEqualTo(Stage.SCRIPT);
            assertThat(event.attempt()).isEqualTo(2);
        }
        awaitRowStatus(broken, "INGESTED");
        assertThat(cell(broken, "attempt")).isEqualTo("2");
        assertThat(cell(broken, "reason")).isEmpty();

        assertThat(js("return window.__sameLoad")).isEqualTo("yes");
    }

    @Test
    void aPaperSubmittedAsDuoShowsItsFormatAnotherFormatNeedsForceAndForceProducesItAgain() {
        openWithKey();
        String id = Fixtures.randomId();
        Fixtures.write(StandInResource.folder(), id, ".atom.xml", Atom.simple(id, 1));
        new Select(driver.findElement(By.id("submit-format"))).selectByValue("duo");
        driver.findElement(By.id("submit-id")).sendKeys(id);
        driver.findElement(By.id("submit-btn")).click();
        row(id);
        awaitRowStatus(id, "INGESTED");
        assertThat(cell(id, "paper .format")).isEqualTo("duo");
        assertThat(js("return document.querySelector(\"tr[data-id='" + id + "'] .format\").className"))
                .isEqualTo("format duo");
        assertThat(driver.findElement(By.id("message")).getText()).isEqualTo("Accepted " + id + " (duo).");

        // The same paper as solo: refused with the way out, nothing changes.
        new Select(driver.findElement(By.id("submit-format"))).selectByValue("solo");
        driver.findElement(By.id("submit-id")).sendKeys(id);
        driver.findElement(By.id("submit-btn")).click();
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"),
                "?force=true"));
        assertThat(driver.findElement(By.id("message")).getText()).contains("is produced as duo");
        assertThat(cell(id, "paper .format")).isEqualTo("duo");

        // The ID stays in the field; with "produce again" it is a new run as solo, the row follows live.
        assertThat(driver.findElement(By.id("submit-id")).getDomProperty("value")).isEqualTo(id);
        driver.findElement(By.id("submit-force")).click();
        driver.findElement(By.id("submit-btn")).click();
        new WebDriverWait(driver, WAIT).pollingEvery(Duration.ofMillis(100))
                .until(d -> "solo".equals(cell(id, "paper .format")));
        awaitRowStatus(id, "INGESTED");
        assertThat(Api.paper(id).getInt("run")).isEqualTo(2);
        assertThat(driver.findElement(By.id("submit-force")).isSelected()).isFalse();
        assertThat(js("return window.__sameLoad")).isEqualTo("yes");
    }

    @Test
    void withoutAKeyThePageAsksForItAndAWrongKeyIsAskedForAgain() {
        driver.get(page);
        js("sessionStorage.clear()");
        driver.navigate().refresh();
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("key-form")));
        driver.findElement(By.id("key-input")).sendKeys("not-the-key");
        driver.findElement(By.id("key-save")).click();
        driver.findElement(By.id("submit-id")).sendKeys("2106.09685");
        driver.findElement(By.id("submit-btn")).click();
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"),
                "refused"));
        assertThat(driver.findElement(By.id("key-form")).isDisplayed()).isTrue();
        assertThat(js("return sessionStorage.getItem('paperledge.operatorKey')")).isNull();
    }

    private String ruleCell(String slug, String cls) {
        return (String) js("const c = document.querySelector(\"tr[data-slug='" + slug + "'] td." + cls
                + "\"); return c ? c.textContent : null");
    }

    @Test
    void theRulesSectionShowsEachRulesLastPollNextPollAndPapersAndFollowsANewPoll() {
        String word = "wombat" + Fixtures.randomId().replace(".", "");
        for (int day = 1; day <= 2; day++) {
            String id = Fixtures.randomId();
            Fixtures.write(StandInResource.folder(), id, ".atom.xml", Atom.entry(id, 1, "On " + word, List.of("A B"),
                    "About " + word + ".", "cs.CL", List.of("cs.CL"), "2026-02-0" + day + "T09:00:00Z"));
        }
        String slug = Rules.slug();
        Rules.create(Rules.body("slug", slug, "title", "<b>Wombats</b> & co", "keywords", List.of(word),
                "dailyCap", 1)).then().statusCode(201);
        try {
            Rules.run(slug).then().statusCode(200);
            openWithKey();
            new WebDriverWait(driver, WAIT).until(
                    ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-slug='" + slug + "']")));
            assertThat(js("return document.querySelector(\"tr[data-slug='" + slug + "'] .rule-title\").textContent"))
                    .as("markup stays text").isEqualTo("<b>Wombats</b> & co");
            assertThat(ruleCell(slug, "rule")).contains(slug).contains("cap 1/day");
            assertThat(ruleCell(slug, "query")).isEqualTo("(ti:\"" + word + "\" OR abs:\"" + word + "\")");
            assertThat(ruleCell(slug, "found")).isEqualTo("2");
            assertThat(ruleCell(slug, "new")).isEqualTo("2");
            assertThat(ruleCell(slug, "submitted")).isEqualTo("1");
            assertThat(ruleCell(slug, "skipped")).isEqualTo("1");
            assertThat(ruleCell(slug, "papers")).isEqualTo("1 / 1");
            assertThat(ruleCell(slug, "next-poll")).isEqualTo("off (scheduled polls disabled)");
            assertThat(ruleCell(slug, "last-poll")).contains("(operator)").doesNotContain("failed");

            // A poll that fails shows up without a reload, with its reason.
            for (int i = 0; i < 4; i++) {
                StandInResource.standIn().enqueueStatus(503);
            }
            Rules.run(slug).then().statusCode(200);
            new WebDriverWait(driver, WAIT).pollingEvery(Duration.ofMillis(250))
                    .until(d -> String.valueOf(ruleCell(slug, "last-poll")).contains("failed: arXiv answered HTTP 503"));
            assertThat(ruleCell(slug, "found")).isEqualTo("0");
            assertThat(js("return window.__sameLoad")).isEqualTo("yes");
        } finally {
            Rules.delete(slug);
        }
    }
}

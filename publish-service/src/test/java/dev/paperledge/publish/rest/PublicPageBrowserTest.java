package dev.paperledge.publish.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.paperledge.publish.domain.Episode;
import dev.paperledge.publish.support.Episodes;
import dev.paperledge.publish.support.TestData;
import dev.paperledge.publish.support.TestMp3;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The public page in a real headless Chromium (Debian's chromium + chromium-driver). Without a
 * browser the test is skipped, unless {@code -Dpaperledge.browsers.required=true} or
 * {@code PAPERLEDGE_BROWSERS_REQUIRED=true} says it must run (CI), where it fails instead.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublicPageBrowserTest {
    static final Path CHROMIUM = Path.of(System.getProperty("paperledge.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("paperledge.chromedriver", "/usr/bin/chromedriver"));

    @Inject
    TestData data;
    @TestHTTPResource("/")
    String base;

    ChromeDriver browser;
    Path profile;
    String id;
    Episode episode;
    /** Eight seconds of audio with a JSON transcript: four lines of two seconds, two with sources. */
    Episode sourced;
    /** A conversation between Ernis and Sam: ten seconds, five lines of two. */
    Episode duo;

    static boolean browsersRequired() {
        return Boolean.getBoolean("paperledge.browsers.required")
                || "true".equalsIgnoreCase(System.getenv("PAPERLEDGE_BROWSERS_REQUIRED"));
    }

    @BeforeAll
    void start() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String msg = "headless Chromium is not installed (" + CHROMIUM + ", " + CHROMEDRIVER
                    + "): apt-get install -y chromium chromium-driver";
            if (browsersRequired()) {
                Assertions.fail(msg);
            }
            Assumptions.abort(msg);
        }
        id = Episodes.randomId();
        episode = data.publish(data.production(id, 1, TestMp3.sine(2, 440),
                TestData.paper(id, "Listening in a browser", List.of("Grace Hopper"))));
        String sid = Episodes.randomId();
        sourced = data.publish(data.production(sid, 1, TestMp3.sine(8, 440),
                TestData.paper(sid, "Following the transcript", List.of("Grace Hopper")), TestData.JSON_TRANSCRIPT,
                TestData.listening()));
        String did = Episodes.randomId();
        duo = data.publish(data.production(did, 1, TestMp3.sine(10, 330),
                TestData.paper(did, "Two voices", List.of("Grace Hopper")), TestData.DUO_TRANSCRIPT, null, "duo",
                TestData.DUO));

        profile = Files.createTempDirectory("paperledge-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                // the test starts playback from script, as a listener's click would
                "--autoplay-policy=no-user-gesture-required", "--mute-audio",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    void stop() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (id != null) {
            data.removeEpisode(id);
        }
        if (sourced != null) {
            data.removeEpisode(sourced.arxivId);
        }
        if (duo != null) {
            data.removeEpisode(duo.arxivId);
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void theListRendersAndAnEpisodesAudioLoadsItsMp3() {
        browser.get(base);
        assertThat(browser.getTitle()).isEqualTo("PaperLedge");
        List<WebElement> articles = browser.findElements(By.cssSelector("article.episode"));
        assertThat(articles).isNotEmpty();
        assertThat(browser.findElement(By.cssSelector("article.episode h3")).getText()).isNotBlank();

        browser.get(base + "episodes/" + episode.slug);
        assertThat(browser.findElement(By.tagName("h1")).getText())
                .isEqualTo("Computation and Language - Listening in a browser");
        assertThat(browser.findElement(By.id("transcript")).getText()).contains("Hey PaperLedge learning crew");
        JavascriptExecutor js = browser;
        js.executeScript("const a = document.querySelector('audio'); a.preload = 'metadata'; a.load();");
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> {
            Object ready = js.executeScript("return document.querySelector('audio').readyState;");
            return ((Number) ready).intValue() >= 1;
        });
        Number duration = (Number) js.executeScript("return document.querySelector('audio').duration;");
        Object error = js.executeScript("const e = document.querySelector('audio').error; return e && e.code;");
        assertThat(error).isNull();
        assertThat(duration.doubleValue()).isBetween(1.5, 3.0);
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    String current() {
        return (String) js("const l = document.querySelector('#lines li[aria-current=true]'); return l && l.id;");
    }

    boolean passageOpen(String lineId) {
        return (Boolean) js("return document.querySelector('#' + arguments[0] + ' details').open;", lineId);
    }

    double currentTime() {
        return ((Number) js("return document.getElementById('player').currentTime;")).doubleValue();
    }

    @Test
    void theSpokenLineIsMarkedWhileTheAudioPlaysAndASourcedLineOpensItsPassage() {
        browser.get(base + "episodes/" + sourced.slug);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        assertThat(browser.findElements(By.cssSelector("#lines li.line"))).hasSize(4);
        assertThat(current()).as("nothing marked before playing").isNull();
        assertThat(passageOpen("line-2")).isFalse();

        js("document.getElementById('player').play();");
        wait.until(d -> "line-1".equals(current()));
        wait.until(d -> currentTime() > 2.3);
        wait.until(d -> "line-2".equals(current()));
        assertThat(browser.findElements(By.cssSelector("#lines li[aria-current]"))).hasSize(1);
        assertThat(passageOpen("line-2")).as("the sourced line being spoken shows its passage").isTrue();
        assertThat(browser.findElement(By.cssSelector("#line-2 blockquote")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.cssSelector("#line-2 details a")).getDomProperty("href"))
                .isEqualTo("https://arxiv.org/html/1703.09824v1#S3");

        wait.until(d -> "line-3".equals(current()));
        assertThat(passageOpen("line-2")).as("closed again once the line is past").isFalse();
        js("document.getElementById('player').pause();");
    }

    @Test
    void clickingOrPressingEnterOnALinesTimeSeeksThePlayerThere() {
        browser.get(base + "episodes/" + sourced.slug);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        assertThat(currentTime()).isZero();

        browser.findElement(By.cssSelector("#line-3 a.time")).click();
        wait.until(d -> currentTime() >= 4.0);
        assertThat(browser.getCurrentUrl()).as("the page stays, the player moves").doesNotContain("audio.mp3");
        assertThat(current()).isEqualTo("line-3");
        assertThat(browser.findElement(By.id("transcript-status")).getDomProperty("textContent"))
                .isEqualTo("Playing from 0:04");

        WebElement sourcedTime = browser.findElement(By.cssSelector("#line-4 a.time"));
        sourcedTime.sendKeys(org.openqa.selenium.Keys.ENTER);
        wait.until(d -> currentTime() >= 6.0);
        assertThat(current()).isEqualTo("line-4");
        assertThat(passageOpen("line-4")).as("a sourced line opens its passage").isTrue();
        assertThat(js("return document.activeElement.closest('li').id;")).as("focus stays on the line").isEqualTo("line-4");

        browser.findElement(By.cssSelector("#line-2 a.time")).click();
        wait.until(d -> "line-2".equals(current()));
        assertThat(currentTime()).isBetween(2.0, 4.0);
        assertThat(passageOpen("line-2")).isTrue();
        js("document.getElementById('player').pause();");
    }

    /** A computed style of a line, as Chromium renders it. */
    String style(String lineId, String property) {
        return (String) js("return getComputedStyle(document.getElementById(arguments[0]))[arguments[1]];", lineId,
                property);
    }

    @Test
    void theCoHostsLinesLookDifferentWithoutRelyingOnColourAlsoWhileSpoken() {
        browser.get(base + "episodes/" + duo.slug);
        assertThat(browser.findElement(By.cssSelector("h1 + p.format")).getText())
                .isEqualTo("A conversation between Ernis and Sam");
        assertThat(browser.findElements(By.cssSelector("#lines li.line"))).hasSize(5);
        // line-2 and line-5 are Sam's: indented and drawn with a dashed rule; Ernis' lines are not
        for (String host : List.of("line-1", "line-3", "line-4")) {
            assertThat(style(host, "marginLeft")).as(host).isEqualTo("0px");
            assertThat(style(host, "borderLeftStyle")).as(host).isEqualTo("solid");
        }
        for (String cohost : List.of("line-2", "line-5")) {
            assertThat(Double.parseDouble(style(cohost, "marginLeft").replace("px", ""))).as(cohost).isGreaterThan(16);
            assertThat(style(cohost, "borderLeftStyle")).as(cohost).isEqualTo("dashed");
            assertThat(style(cohost, "borderLeftColor")).as(cohost).isNotEqualTo("rgba(0, 0, 0, 0)");
        }
        assertThat((String) js("return getComputedStyle(document.querySelector('#line-2 .speaker')).fontStyle;"))
                .isEqualTo("italic");
        assertThat(browser.findElement(By.cssSelector("#line-2 .speaker")).getText()).isEqualTo("Sam:");

        // while Sam speaks, the line is marked and keeps its shape
        browser.findElement(By.cssSelector("#line-2 a.time")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> "line-2".equals(current()));
        assertThat(style("line-2", "borderLeftStyle")).isEqualTo("dashed");
        assertThat(style("line-2", "borderLeftColor")).as("the spoken line's highlight").isEqualTo("rgb(138, 97, 0)");
        assertThat(style("line-2", "marginLeft")).isNotEqualTo("0px");
        js("document.getElementById('player').pause();");
    }
}

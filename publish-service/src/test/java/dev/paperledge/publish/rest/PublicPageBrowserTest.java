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

        profile = Files.createTempDirectory("paperledge-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
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
}

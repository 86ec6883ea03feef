package io.fleetmigrate.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;

/**
 * The HTML report in a real browser: Debian's headless Chromium opens the file, the test reads the
 * figures as rendered, filters and sorts the table like a person would, and saves a screenshot to
 * {@code target/screenshots/report.png}. Chromium and chromedriver come from the Debian packages
 * {@code chromium} and {@code chromium-driver}, which {@code scripts/test} installs.
 */
class HtmlReportBrowserIT {
  private static ChromeDriver browser;
  private static Path page;

  @BeforeAll
  static void open() throws Exception {
    Path chromium = Path.of(System.getProperty("fleet.chromium", "/usr/bin/chromium"));
    Path driver = Path.of(System.getProperty("fleet.chromedriver", "/usr/bin/chromedriver"));
    assertThat(chromium).as("Chromium (Debian package 'chromium'; scripts/test installs it)").isExecutable();
    assertThat(driver).as("chromedriver (Debian package 'chromium-driver'; scripts/test installs it)").isExecutable();
    Path dir = Files.createDirectories(Path.of("target", "browser-test"));
    page = dir.resolve("report.html");
    try (Writer out = Files.newBufferedWriter(page)) {
      HtmlReport.write(ReportFixtures.sample(), out, ReportFixtures.T0.plusHours(1));
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--window-size=1280,1400",
        "--user-data-dir=" + Files.createTempDirectory("fleet-chromium"));
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile()).usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    browser.get(page.toAbsolutePath().toUri().toString());
  }

  @AfterAll
  static void close() {
    if (browser != null) {
      browser.quit();
    }
  }

  private static String figure(String name) {
    return browser.findElement(By.cssSelector("[data-figure='" + name + "']")).getText();
  }

  private static List<String> visibleRepositories() {
    return browser.findElements(By.cssSelector("#repos tbody tr")).stream()
        .filter(WebElement::isDisplayed)
        .map(row -> row.getAttribute("data-repo"))
        .toList();
  }

  @Test
  void showsTheFiguresAndFiltersAndSortsTheTable() throws Exception {
    assertThat(browser.getTitle()).isEqualTo("Fleet Migrate · junit5");
    assertThat(figure("repositories")).isEqualTo("4");
    assertThat(figure("prs-open")).isEqualTo("1");
    assertThat(figure("needs-human")).isEqualTo("2");
    assertThat(figure("errors")).isEqualTo("1");
    assertThat(figure("remaining")).isEqualTo("3");
    assertThat(browser.findElement(By.cssSelector("svg[aria-label='burndown chart'] polyline[data-series='remaining']")).isDisplayed()).isTrue();
    assertThat(visibleRepositories()).containsExactly("billing", "search", "search-2", "evil");

    browser.findElement(By.id("filter")).sendKeys("search");
    assertThat(visibleRepositories()).containsExactly("search", "search-2");
    assertThat(browser.findElement(By.id("shown-count")).getText()).isEqualTo("2");

    browser.findElement(By.id("filter")).clear();
    browser.findElement(By.id("filter")).sendKeys(" ");
    new Select(browser.findElement(By.id("status-filter"))).selectByValue("ERROR");
    assertThat(visibleRepositories()).containsExactly("evil");
    new Select(browser.findElement(By.id("status-filter"))).selectByValue("");

    WebElement time = browser.findElement(By.xpath("//table[@id='repos']//th[normalize-space()='Time']"));
    time.click();
    assertThat(visibleRepositories()).containsExactly("evil", "billing", "search-2", "search");
    time.click();
    assertThat(visibleRepositories()).containsExactly("search", "search-2", "billing", "evil");

    // The text a repository sent us is shown as text, not run.
    assertThat(browser.findElement(By.cssSelector("tr[data-repo='evil'] .reason")).getText()).contains("<script>alert('x')</script>");

    Path screenshots = Files.createDirectories(Path.of("target", "screenshots"));
    Path shot = screenshots.resolve("report.png");
    Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    assertThat(Files.size(shot)).isGreaterThan(10_000);
  }

  @Test
  void showsTheMergeRateAndWhereTheRolloutStands() throws Exception {
    Path rollout = page.resolveSibling("report-rollout.html");
    try (Writer out = Files.newBufferedWriter(rollout)) {
      HtmlReport.write(ReportFixtures.withRollout(), out, ReportFixtures.T0.plusHours(1));
    }
    browser.get(rollout.toAbsolutePath().toUri().toString());
    try {
      assertThat(figure("merge-rate")).isEqualTo("33%");
      assertThat(figure("time-to-merge")).isEqualTo("1d 6h");
      assertThat(figure("prs-closed")).isEqualTo("1");
      assertThat(figure("waiting")).isEqualTo("1");
      WebElement line = browser.findElement(By.cssSelector("[data-figure='rollout']"));
      assertThat(line.isDisplayed()).isTrue();
      assertThat(line.getText()).startsWith("Rollout: wave 1 of 3 (2: 2 of 6 repositories); next wave waits:");

      Path shot = Files.createDirectories(Path.of("target", "screenshots")).resolve("report-rollout.png");
      Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
      assertThat(Files.size(shot)).isGreaterThan(10_000);
    } finally {
      browser.get(page.toAbsolutePath().toUri().toString()); // the other test reads the plain report
    }
  }
}

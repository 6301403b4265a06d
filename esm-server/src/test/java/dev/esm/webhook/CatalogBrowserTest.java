package dev.esm.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;

/**
 * The catalog page in a real headless browser: Debian's {@code chromium} driven through its
 * {@code chromedriver} by Selenium, both found at fixed paths (Selenium never looks for or
 * downloads a driver). Without them the test is skipped, saying how to install them; in CI
 * ({@code CI=true}) it fails instead, since {@code .ci/run} installs them. Screenshots land in
 * {@code target/catalog-screenshots/}.
 */
class CatalogBrowserTest {

  /** Where Debian's packages put them; {@code -Desm.chromium=…} and {@code -Desm.chromedriver=…} point elsewhere. */
  private static final Path CHROMIUM = Path.of(System.getProperty("esm.chromium", "/usr/bin/chromium"));
  private static final Path CHROMEDRIVER = Path.of(System.getProperty("esm.chromedriver", "/usr/bin/chromedriver"));
  private static final Path SCREENSHOTS = Path.of("target/catalog-screenshots");

  @TempDir Path checkout;
  private CatalogServer service;
  private ChromeDriver browser;

  @BeforeEach
  void start() throws Exception {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("CI must run the browser test: " + CHROMIUM + " or " + CHROMEDRIVER
          + " is missing (.ci/run installs chromium and chromium-driver with apt-get)");
    }
    assumeTrue(present, () -> "no headless browser here: the catalog page's browser test needs " + CHROMIUM + " and "
        + CHROMEDRIVER + " (Debian: apt-get install -y chromium chromium-driver; elsewhere -Desm.chromium=… "
        + "-Desm.chromedriver=…)");
    service = new CatalogServer(checkout);
    ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--no-first-run",
        "--disable-extensions", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--hide-scrollbars", "--force-device-scale-factor=1", "--lang=en-GB");
    browser = new ChromeDriver(driver, options);
    browser.manage().window().setSize(new Dimension(1280, 1000));
    Files.createDirectories(SCREENSHOTS);
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (service != null) {
      service.close();
    }
  }

  private List<String> eventNames() {
    return browser.findElements(By.cssSelector("article.event h3")).stream().map(WebElement::getText).toList();
  }

  private void screenshot(String name) throws Exception {
    File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void listsTheEventsThenFiltersByTeamAndSearchesByName() throws Exception {
    browser.get(service.url("/"));

    assertThat(browser.getTitle()).isEqualTo("ESM catalog");
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("ESM catalog");
    List<String> every = eventNames();
    assertThat(every).contains("AddToCartEvent", "QuizSubmittedEvent", "VideoPlaybackStartedEvent")
        .doesNotContain("CartItem");
    WebElement addToCart = browser.findElement(By.xpath("//article[h3='AddToCartEvent']"));
    assertThat(addToCart.findElement(By.xpath(".//dt[.='Owner']/following-sibling::dd[1]")).getText()).isEqualTo("team-cart");
    WebElement monitor = addToCart.findElement(By.linkText("Traffic Anomaly with AddToCartEvent"));
    assertThat(monitor.getAttribute("href")).startsWith(service.datadog.baseUrl() + "/monitors/");
    assertThat(addToCart.getText()).contains("edited in Datadog");
    assertThat(browser.findElement(By.cssSelector("link[rel=stylesheet]")).getAttribute("href")).endsWith("/catalog.css");
    assertThat(browser.findElement(By.tagName("body")).getCssValue("max-width")).as("the stylesheet applies")
        .isEqualTo("1152px");
    screenshot("catalog.png");

    new Select(browser.findElement(By.id("team"))).selectByValue("team-learning");
    browser.findElement(By.cssSelector("form.filters button[type=submit]")).click();

    assertThat(browser.getCurrentUrl()).contains("team=team-learning");
    List<String> learning = eventNames();
    assertThat(learning).isNotEmpty().hasSizeLessThan(every.size()).contains("QuizSubmittedEvent")
        .doesNotContain("AddToCartEvent");
    screenshot("catalog-team-learning.png");

    new Select(browser.findElement(By.id("team"))).selectByValue("");
    WebElement search = browser.findElement(By.id("q"));
    search.clear();
    search.sendKeys("video");
    search.submit();

    assertThat(browser.getCurrentUrl()).contains("q=video");
    assertThat(eventNames()).containsExactly("VideoPlaybackHeartbeatEvent", "VideoPlaybackStartedEvent");
    String shared = browser.getCurrentUrl();
    browser.get(service.url("/"));
    browser.get(shared);
    assertThat(eventNames()).as("the link is the state").containsExactly("VideoPlaybackHeartbeatEvent",
        "VideoPlaybackStartedEvent");
  }

  @Test
  void readsOnAPhoneWithoutScrollingSideways() throws Exception {
    browser.manage().window().setSize(new Dimension(390, 844));
    browser.get(service.url("/?team=team-cart"));

    assertThat(eventNames()).contains("AddToCartEvent");
    long overflow = (Long) ((JavascriptExecutor) browser).executeScript(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
    assertThat(overflow).as("pixels the page is wider than a phone's screen").isLessThanOrEqualTo(0);
    screenshot("catalog-phone.png");
  }
}

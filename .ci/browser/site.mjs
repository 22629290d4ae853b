// Browser tests of the built site: node .ci/browser/site.mjs [public-dir]
// Accessibility (axe-core) on every page, the dark-mode toggle, search at the root and under
// the base_url's sub-path, and screenshots for review. Last line: "N passed, M failed".
import { mkdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import {
  AXE_PATH, assert, launch, newPage, staticServer, summary, test, walk, watchdog,
} from "./lib.mjs";

watchdog(240);
const SITE = resolve(process.argv[2] || "public");
const SHOTS = process.env.SCREENSHOT_DIR || "/tmp/shelf-shots";
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const ARTICLE = "articles/jangmadang-generation/index.html";
// An article's seed as copied: a long table, with dropped and corrected lines marked.
const AS_COPIED = "articles/hoeryong-border-guards/as-copied/index.html";

// The path of base_url in site.toml, e.g. "/jangmadang/".
const siteToml = readFileSync(resolve(SITE, "..", "site.toml"), "utf8");
const baseUrl = /^base_url\s*=\s*"([^"]*)"/m.exec(siteToml)?.[1] || "/";
const PREFIX = new URL(baseUrl).pathname.replace(/\/?$/, "/");

const server = await staticServer(SITE, PREFIX);
const browser = await launch();
console.log(`site ${SITE} at ${server.url} and ${server.prefixed}; ${browser.version()}`);

async function axe(page) {
  await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate((tags) => window.axe.run(document, {
    runOnly: { type: "tag", values: tags },
    resultTypes: ["violations"],
  }).then((r) => r.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.map((n) => n.target.join(" ")),
  }))), TAGS);
}

function report(found) {
  return found.map(({ page, v }) =>
    `  ${v.id} (${v.impact}) on ${page}: ${v.help}\n` +
    v.targets.slice(0, 5).map((t) => `      ${t}`).join("\n") +
    (v.targets.length > 5 ? `\n      … and ${v.targets.length - 5} more` : "")).join("\n");
}

try {
  await test("axe: no WCAG 2.1 A/AA violations on any page", async () => {
    const pages = walk(SITE, ".html");
    assert(pages.length > 0, `no HTML pages in ${SITE}`);
    const page = await newPage(browser);
    // A control: axe must see a known violation, or "0 violations" below means nothing.
    await page.setContent('<!DOCTYPE html><html lang="en"><title>t</title><main><img src="x.png"></main></html>');
    const control = await axe(page);
    assert(control.some((v) => v.id === "image-alt"), `axe missed image-alt on the control page: ${JSON.stringify(control)}`);
    const found = [];
    let nodes = 0;
    for (const path of pages) {
      await page.goto(server.url + path, { waitUntil: "load" });
      for (const v of await axe(page)) { found.push({ page: path, v }); nodes += v.targets.length; }
    }
    await page.context().close();
    console.log(`     axe: ${pages.length} pages, ${found.length} violations (${nodes} elements)`);
    assert(found.length === 0, `axe violations:\n${report(found)}`);
  });

  await test("axe: no violations in dark mode (home, an article, a seed as copied)", async () => {
    const page = await newPage(browser, { colorScheme: "dark" });
    const found = [];
    for (const path of ["index.html", ARTICLE, AS_COPIED]) {
      await page.goto(server.url + path, { waitUntil: "load" });
      const dark = await page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches);
      assert(dark, "the page is not in dark mode");
      for (const v of await axe(page)) { found.push({ page: path, v }); }
    }
    await page.context().close();
    console.log(`     axe (dark): 3 pages, ${found.length} violations`);
    assert(found.length === 0, `axe violations in dark mode:\n${report(found)}`);
  });

  await test("dark-mode toggle: the choice persists across a reload", async () => {
    const page = await newPage(browser, { colorScheme: "light" });
    await page.goto(server.url + ARTICLE);
    const button = page.locator("[data-theme-toggle]");
    await button.waitFor({ state: "visible" });
    assert(await button.getAttribute("aria-pressed") === "false", "aria-pressed is not false before the click");
    const bgBefore = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await button.click();
    const html = page.locator("html");
    assert(await html.getAttribute("data-theme") === "dark", "no data-theme=dark after the click");
    assert(await button.getAttribute("aria-pressed") === "true", "aria-pressed is not true after the click");
    // The visible label says the state too (#17: it read "Dark mode" either way).
    const label = (await button.textContent()).replace(/\s+/g, " ").trim();
    assert(label === "Dark mode on", `the toggle reads "${label}" when dark`);
    const saved = await page.evaluate(() => localStorage.getItem("shelf-theme"));
    assert(saved === "dark", `localStorage shelf-theme is ${saved}`);
    await page.reload();
    await button.waitFor({ state: "visible" });
    assert(await html.getAttribute("data-theme") === "dark", "data-theme=dark lost on reload");
    assert(await button.getAttribute("aria-pressed") === "true", "aria-pressed is not true after reload");
    const bgAfter = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert(bgAfter !== bgBefore, `the background did not change (${bgBefore})`);
    // Another page of the site gets the choice too, and a second click goes back to light.
    await page.goto(server.url + "index.html");
    assert(await html.getAttribute("data-theme") === "dark", "the choice did not carry to the home page");
    await button.click();
    await page.reload();
    assert(await html.getAttribute("data-theme") === "light", "light was not kept after the second click");
    assert(await button.getAttribute("aria-pressed") === "false", "aria-pressed is not false in light mode");
    assert((await button.textContent()).replace(/\s+/g, " ").trim() === "Dark mode off", "the toggle does not read off in light mode");
    assert(page.jsErrors.length === 0, `JavaScript errors: ${page.jsErrors.join("; ")}`);
    await page.context().close();
  });

  const SEARCHES = [
    ["Jangmadang", "jangmadang-generation"],
    ["Hoiryeong", "hoeryong-border-guards"],
    ["Asahi", "hoeryong-border-guards"],
    ["Sakju", "border-closure-defections"],
    ["Sakj", "border-closure-defections"], // a prefix
    ["Hoeryöng", "hoeryong-border-guards"], // a diacritic variant of Hoeryong
  ];

  async function search(page, base, term) {
    await page.goto(`${base}search/index.html?q=${encodeURIComponent(term)}`);
    const status = page.locator("[data-search] [data-search-status]");
    await page.waitForFunction(() => {
      const s = document.querySelector("[data-search] [data-search-status]")?.textContent || "";
      return /match/.test(s) || /could not/.test(s);
    });
    const text = await status.textContent();
    const results = await page.$$eval("[data-search] [data-search-results] > li", (items) => items.map((li) => ({
      href: li.querySelector("h2 a")?.href,
      title: li.querySelector("h2 a")?.textContent,
      marks: [...li.querySelectorAll(".search-snippet mark")].map((m) => m.textContent),
    })));
    return { text, results };
  }

  for (const [label, base] of [["root", server.url], [PREFIX, server.prefixed]]) {
    await test(`search at ${label}: each term's article comes first, with a <mark> in its snippet`, async () => {
      const page = await newPage(browser);
      const lines = [];
      for (const [term, slug] of SEARCHES) {
        const { text, results } = await search(page, base, term);
        assert(results.length > 0, `"${term}": no results (status: ${text})`);
        const first = results[0];
        lines.push(`"${term}" → ${results.length}: ${results.map((r) => r.href.split("/articles/")[1]?.split("/")[0] || r.href).join(", ")}; marks ${JSON.stringify(first.marks)}`);
        assert(first.href.startsWith(base + `articles/${slug}/`),
          `"${term}": first result is ${first.href}, expected articles/${slug}/ (status: ${text})`);
        assert(first.marks.length > 0, `"${term}": the first snippet has no <mark>`);
        // The link works: the article page loads from it.
        const response = await page.request.get(first.href);
        assert(response.ok(), `"${term}": ${first.href} answers ${response.status()}`);
      }
      const none = await search(page, base, "zzyzxnotaword");
      assert(none.results.length === 0 && /No article matches/.test(none.text), `nonsense found: ${none.text}`);
      for (const line of lines) { console.log(`     ${line}`); }
      assert(page.jsErrors.length === 0, `JavaScript errors: ${page.jsErrors.join("; ")}`);
      await page.context().close();
    });
  }

  await test(`screenshots into ${SHOTS}`, async () => {
    mkdirSync(SHOTS, { recursive: true });
    const sizes = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } };
    const written = [];
    for (const [size, viewport] of Object.entries(sizes)) {
      for (const scheme of ["light", "dark"]) {
        const page = await newPage(browser, {
          viewport, colorScheme: scheme, isMobile: size === "phone", hasTouch: size === "phone",
          deviceScaleFactor: size === "phone" ? 2 : 1,
        });
        for (const [name, path] of [["home", "index.html"], ["article", ARTICLE]]) {
          const file = join(SHOTS, `${name}-${size}-${scheme}.png`);
          await page.goto(server.url + path, { waitUntil: "load" });
          await page.screenshot({ path: file, fullPage: false });
          written.push(file);
        }
        // The header's search, open with results as a reader types.
        const file = join(SHOTS, `search-${size}-${scheme}.png`);
        await page.goto(server.url + "index.html", { waitUntil: "load" });
        await page.locator("#site-search-query").fill("border guards");
        await page.waitForFunction(() => window.shelfSearch?.last()?.query === "border guards");
        await page.screenshot({ path: file, fullPage: false });
        written.push(file);
        await page.context().close();
      }
    }
    console.log(`     ${written.length} screenshots: ${written.map((f) => f.split("/").pop()).join(", ")}`);
  });
} finally {
  await browser.close().catch(() => {});
  await server.close();
}
process.exit(summary());

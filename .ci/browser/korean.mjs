// A Korean collection in the browser (issue #17): node .ci/browser/korean.mjs [shelf-binary] [fixture]
// Builds the fixture (default tests/fixtures/reader/korean: lang "ko", hangul topics and an
// entity) with the binary into a temporary folder, then checks that the hangul topic page
// opens from an article's link and that its links work, served at the root, under the
// base_url's sub-path and from disk (file://); that search finds hangul words and filters
// by a hangul topic; that no page scrolls sideways at 320 or 390 px; and axe on every page.
// Last line: "N passed, M failed".
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  AXE_PATH, assert, launch, newPage, pagesWiderThan, staticServer, summary, test, walk, watchdog,
} from "./lib.mjs";

watchdog(180);
const BINARY = resolve(process.argv[2] || "target/release/shelf");
const FIXTURE = resolve(process.argv[3] || "tests/fixtures/reader/korean");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const ARTICLE = "articles/river-crossing/index.html";

const work = mkdtempSync(join(tmpdir(), "shelf-korean-"));
for (const part of ["site.toml", "seeds", "content"]) {
  cpSync(join(FIXTURE, part), join(work, part), { recursive: true });
}
const built = spawnSync(BINARY, ["build"], { cwd: work, encoding: "utf8", timeout: 60_000 });
if (built.status !== 0) {
  console.error(`shelf build failed (${built.status}):\n${built.stderr}`);
  process.exit(1);
}
const SITE = join(work, "public");
const baseUrl = /^base_url\s*=\s*"([^"]*)"/m.exec(readFileSync(join(work, "site.toml"), "utf8"))?.[1] || "/";
const PREFIX = new URL(baseUrl).pathname.replace(/\/?$/, "/");

const server = await staticServer(SITE, PREFIX);
const browser = await launch();
console.log(`Korean fixture built into ${SITE}, at ${server.url} and ${server.prefixed}; ${browser.version()}`);

async function axe(page) {
  await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate((tags) => window.axe.run(document, {
    runOnly: { type: "tag", values: tags },
    resultTypes: ["violations"],
  }).then((r) => r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)), TAGS);
}

// Whether `url` (resolved from a page's link) reaches a file: over HTTP the server answers
// 200; on disk the file exists (a folder counts when it holds index.html).
async function reaches(page, url) {
  if (url.startsWith("file:")) {
    const path = fileURLToPath(url.split("#")[0]);
    return existsSync(path) && (!path.endsWith("/") || existsSync(join(path, "index.html")));
  }
  return (await page.request.get(url)).ok();
}

try {
  await test("axe: no WCAG 2.1 A/AA violations on any page of the Korean collection", async () => {
    const pages = walk(SITE, ".html");
    assert(pages.some((p) => p === "topics/장마당/index.html"), `no hangul topic page among ${pages}`);
    const page = await newPage(browser);
    const found = [];
    for (const path of pages) {
      await page.goto(server.url + encodeURI(path), { waitUntil: "load" });
      for (const v of await axe(page)) { found.push(`${path}: ${v}`); }
    }
    await page.context().close();
    console.log(`     axe: ${pages.length} pages, ${found.length} violations`);
    assert(found.length === 0, `axe violations:\n  ${found.join("\n  ")}`);
  });

  // #17: the real collection's pages are checked in reader.mjs; hangul text, slugs and
  // percent-encoded addresses are this collection's.
  for (const width of [320, 390]) {
    await test(`no page of the Korean collection scrolls sideways at ${width} px`, async () => {
      const pages = walk(SITE, ".html");
      const wide = await pagesWiderThan(browser, server.url, pages, width);
      console.log(`     ${pages.length} pages at ${width} px, ${wide.length} too wide`);
      assert(wide.length === 0, `pages wider than ${width} px:\n  ${wide.join("\n  ")}`);
    });
  }

  const places = [
    ["the root", server.url],
    [`the sub-path ${PREFIX}`, server.prefixed],
    ["disk (file://)", pathToFileURL(SITE).href + "/"],
  ];
  for (const [label, base] of places) {
    await test(`from ${label}: the hangul topic opens from an article and its links work`, async () => {
      const page = await newPage(browser);
      await page.goto(base + ARTICLE, { waitUntil: "load" });
      await Promise.all([
        page.waitForURL(/topics\/%EC%9E%A5%EB%A7%88%EB%8B%B9\/index\.html$/),
        page.locator(".topic-list a", { hasText: "장마당" }).first().click(),
      ]);
      assert(await page.locator("h1").textContent() === "장마당", `the topic page's heading is ${await page.locator("h1").textContent()}`);
      const links = await page.$$eval("a[href]", (as) => as.map((a) => a.href).filter((h) => !/^(https?:\/\/example|mailto:)/.test(h)));
      assert(links.length >= 10, `only ${links.length} links on the topic page`);
      const broken = [];
      for (const url of links) { if (!(await reaches(page, url))) { broken.push(url); } }
      assert(broken.length === 0, `links that reach nothing:\n  ${broken.join("\n  ")}`);
      // The entity named in the text links to its hangul page too.
      await page.goto(base + ARTICLE, { waitUntil: "load" });
      await Promise.all([page.waitForURL(/entities\/%EB%91%90%EB%A7%8C%EA%B0%95\//), page.locator("a.entity-link").first().click()]);
      assert(await page.locator("h1").textContent() === "두만강", "the entity page did not open");
      console.log(`     ${label}: ${links.length} links on the topic page, all reach a page`);
      await page.context().close();
    });
  }

  await test("search: a hangul word as you type, and a filter by a hangul topic", async () => {
    const page = await newPage(browser);
    await page.goto(server.prefixed + "index.html", { waitUntil: "load" });
    await page.locator("body").press("/");
    await page.keyboard.type("두만강", { delay: 30 });
    await page.waitForFunction(() => window.shelfSearch.last()?.query === "두만강");
    const typed = await page.$$eval("#site-search-results > li a", (as) => as.map((a) => a.getAttribute("href")));
    assert(typed.length === 1 && /river-crossing/.test(typed[0]), `"두만강" gave ${typed}`);
    const status = await page.locator("[data-search-live] [data-search-status]").textContent();
    assert(status === "“두만강”에 맞는 글 1편.", `the status line is not in Korean: ${status}`);
    const results = async (query) => {
      await page.goto(`${server.prefixed}search/index.html?${query}`, { waitUntil: "load" });
      // Done when the status line ends in a full stop ("찾는 중…" while it runs).
      await page.waitForFunction(() => /\.$/.test(document.querySelector("[data-search] [data-search-status]")?.textContent || ""));
      return page.$$eval("[data-search] [data-search-results] > li h2 a", (as) => as.map((a) => a.getAttribute("href")));
    };
    const both = await results(`q=${encodeURIComponent("장마당")}`);
    assert(both.length === 2, `"장마당" found ${both}`);
    const border = await results(`q=${encodeURIComponent("장마당")}&topic=${encodeURIComponent("국경")}`);
    assert(border.length === 1 && /river-crossing/.test(border[0]), `"장마당" on the topic 국경 gave ${border}`);
    assert(await page.locator("select[name=topic]").inputValue() === "국경", "the topic filter does not show 국경");
    const none = await results(`q=${encodeURIComponent("없는말")}`);
    const noneStatus = await page.locator("[data-search] [data-search-status]").textContent();
    assert(none.length === 0 && noneStatus === "“없는말”에 맞는 글이 없습니다.", `nothing found reads: ${noneStatus} (${none})`);
    assert(page.jsErrors.length === 0, `JavaScript errors: ${page.jsErrors.join("; ")}`);
    await page.context().close();
  });

  await test("at 390 px, Korean lines break between words, never inside one", async () => {
    // #17: the 404 heading broke as "페이지를 찾을 수 없습니" / "다".
    const page = await newPage(browser, { viewport: { width: 390, height: 800 }, isMobile: true });
    const inside = [];
    for (const [path, selector] of [
      ["404.html", "main h1"], ["404.html", "main p"], [ARTICLE, ".comments-note"],
      [ARTICLE, ".article-text p"], ["search/index.html", ".search-help"], ["index.html", ".site-footer p"],
    ]) {
      await page.goto(server.prefixed + path, { waitUntil: "load" });
      const found = await page.evaluate((selector) => {
        const hangul = (c) => /[\uAC00-\uD7A3]/.test(c || "");
        const breaks = [];
        let lines = 0;
        for (const element of document.querySelectorAll(selector)) {
          const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
          let top = null;
          let previous = "";
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (let i = 0; i < node.textContent.length; i++) {
              const range = document.createRange();
              range.setStart(node, i);
              range.setEnd(node, i + 1);
              const rect = range.getClientRects()[0];
              const c = node.textContent[i];
              if (!rect || /\s/.test(c)) { previous = c; continue; }
              if (top !== null && rect.top > top + 2) {
                lines++;
                if (hangul(previous) && hangul(c)) { breaks.push(`${previous}|${c} in "${element.textContent.trim().slice(0, 30)}"`); }
              }
              top = rect.top;
              previous = c;
            }
          }
        }
        return { breaks, lines };
      }, selector);
      inside.push(...found.breaks.map((b) => `${path} ${selector}: ${b}`));
      assert(path !== "404.html" || selector !== "main p" || found.lines > 0, "the 404 page's text did not wrap at all: nothing was checked");
    }
    await page.context().close();
    assert(inside.length === 0, `lines broken inside a word:\n  ${inside.join("\n  ")}`);
  });

  await test("the dark-mode toggle says its state in Korean", async () => {
    const page = await newPage(browser, { colorScheme: "light" });
    await page.goto(server.prefixed + "index.html", { waitUntil: "load" });
    const button = page.locator("[data-theme-toggle]");
    const label = async () => (await button.textContent()).replace(/\s+/g, " ").trim();
    assert(await label() === "어두운 화면 끔", `before: ${await label()}`);
    await button.click();
    assert(await label() === "어두운 화면 켬" && await button.getAttribute("aria-pressed") === "true", `after: ${await label()}`);
    await page.context().close();
  });
} finally {
  await browser.close().catch(() => {});
  await server.close();
  rmSync(work, { recursive: true, force: true });
}
process.exit(summary());

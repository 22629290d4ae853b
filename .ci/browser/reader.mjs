// What a reader meets (issue #17): node .ci/browser/reader.mjs [public-dir]
// No page scrolls sideways at phone widths, chart labels stay legible, the article's text
// starts near the top, and the header's search answers as the reader types, by keyboard.
// Last line: "N passed, M failed".
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { assert, launch, newPage, staticServer, summary, test, walk, watchdog } from "./lib.mjs";

watchdog(240);
const SITE = resolve(process.argv[2] || "public");
const ARTICLES = walk(SITE, ".html").filter((p) => /^articles\/[^/]+\/index\.html$/.test(p));

const siteToml = readFileSync(resolve(SITE, "..", "site.toml"), "utf8");
const baseUrl = /^base_url\s*=\s*"([^"]*)"/m.exec(siteToml)?.[1] || "/";
const PREFIX = new URL(baseUrl).pathname.replace(/\/?$/, "/");

const server = await staticServer(SITE, PREFIX);
const browser = await launch();
console.log(`site ${SITE} at ${server.url}; ${browser.version()}`);

// How many screens down the article's first sentence starts: the top of the first paragraph
// of its text, over the viewport's height.
async function screensBeforeText(page) {
  return page.evaluate(() => {
    const first = document.querySelector(".article-text > :not(nav)");
    if (!first) { return null; }
    return (first.getBoundingClientRect().top + window.scrollY) / window.innerHeight;
  });
}

try {
  for (const width of [320, 390]) {
    await test(`no page scrolls sideways at ${width} px`, async () => {
      const pages = walk(SITE, ".html");
      const page = await newPage(browser, { viewport: { width, height: 800 }, isMobile: true, hasTouch: true });
      const wide = [];
      for (const path of pages) {
        await page.goto(server.url + path, { waitUntil: "load" });
        // Open everything a reader can open, so a closed box cannot hide an overflow.
        // Measured against the width asked for: on a phone, a too-wide page makes the
        // browser zoom out, and innerWidth grows with it.
        const found = await page.evaluate((viewport) => {
          document.querySelectorAll("details").forEach((d) => { d.open = true; });
          const width = document.documentElement.scrollWidth;
          if (width <= viewport && window.innerWidth <= viewport) { return null; }
          // The culprit is often a line of text overflowing a box that fits.
          const culprits = [];
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node && culprits.length < 3; node = walker.nextNode()) {
            const range = document.createRange();
            range.selectNodeContents(node);
            if (range.getBoundingClientRect().right > viewport + 0.5) {
              culprits.push(`${node.parentElement.tagName.toLowerCase()}.${node.parentElement.className}: "${node.textContent.slice(0, 50)}"`);
            }
          }
          return `${width} px (${culprits.join(", ")})`;
        }, width);
        if (found) { wide.push(`${path}: ${found}`); }
      }
      await page.context().close();
      console.log(`     ${pages.length} pages at ${width} px, ${wide.length} too wide`);
      assert(wide.length === 0, `pages wider than ${width} px:\n  ${wide.join("\n  ")}`);
    });
  }

  await test("chart labels are at least 11 px tall at phone width", async () => {
    const page = await newPage(browser, { viewport: { width: 390, height: 844 }, isMobile: true });
    let charts = 0;
    const small = [];
    for (const path of ARTICLES) {
      await page.goto(server.url + path, { waitUntil: "load" });
      await page.evaluate(() => document.querySelectorAll("details").forEach((d) => { d.open = true; }));
      const sizes = await page.$$eval(".chart-svg text", (texts) =>
        texts.filter((t) => getComputedStyle(t).display !== "none")
          .map((t) => ({ text: t.textContent, height: t.getBoundingClientRect().height })));
      if (sizes.length) { charts++; }
      for (const s of sizes) { if (s.height < 11) { small.push(`${path}: "${s.text}" ${s.height.toFixed(1)} px`); } }
    }
    await page.context().close();
    assert(charts > 0, "no article has a chart: the test checks nothing");
    assert(small.length === 0, `chart labels under 11 px:\n  ${small.join("\n  ")}`);
  });

  // Before #17 the text began 2.2-3.5 screens down on a desktop and 2.7-4.2 on a phone.
  await test("the article's text starts within 1.35 screens (desktop) and 1.75 (phone)", async () => {
    const limits = { desktop: [{ width: 1280, height: 800 }, 1.35], phone: [{ width: 390, height: 844 }, 1.75] };
    const lines = [];
    const late = [];
    for (const [size, [viewport, limit]] of Object.entries(limits)) {
      const page = await newPage(browser, { viewport, isMobile: size === "phone" });
      const figures = [];
      for (const path of ARTICLES) {
        await page.goto(server.url + path, { waitUntil: "load" });
        const screens = await screensBeforeText(page);
        assert(screens !== null, `${path}: no paragraph in .article-text`);
        figures.push(screens);
        if (screens > limit) { late.push(`${path} at ${size}: ${screens.toFixed(2)} screens (limit ${limit})`); }
      }
      lines.push(`${size} ${viewport.width}x${viewport.height}: ${figures.map((f) => f.toFixed(2)).join(", ")} screens`);
      await page.context().close();
    }
    for (const line of lines) { console.log(`     ${line}`); }
    assert(late.length === 0, `the text starts late:\n  ${late.join("\n  ")}`);
  });
} finally {
  await browser.close().catch(() => {});
  await server.close();
}
process.exit(summary());

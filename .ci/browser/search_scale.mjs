// Search at scale, measured in Chromium (issue #17): a bench, not a CI step.
//   node .ci/browser/search_scale.mjs PUBLIC-DIR [QUERIES]
// PUBLIC-DIR is a built site, e.g. 10,000 articles from examples/generate. Types QUERIES
// (default 24) into the header's search box as a reader does, each from an empty box, and
// reports for each finished query the requests the search made for it and its time
// (`window.shelfSearch.last()`), and the requests the browser saw while it was typed (every
// keystroke's query included). The queries are words of the articles' titles: whole
// words, two words, four-letter prefixes, words with one letter wrong. Target: at most 6
// requests and under 100 ms a query after the first. Last line: a JSON summary.
import { resolve } from "node:path";
import { launch, newPage, staticServer, watchdog } from "./lib.mjs";

watchdog(600);
const SITE = resolve(process.argv[2] || "public");
const COUNT = Number(process.argv[3] || 24);
const server = await staticServer(SITE, "/");
const browser = await launch();
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2 : NaN;
};

try {
  const page = await newPage(browser);
  let seen = 0;
  page.on("request", (r) => { if (r.url().includes("/search/")) { seen++; } });
  await page.goto(server.url + "index.html", { waitUntil: "load" });
  // Words of five letters or more from the titles, spread over the collection's
  // first results page (deterministic for a generated collection).
  const words = await page.evaluate(() => fetch("search/docs/0.json").then((r) => r.json())
    .then((docs) => [...new Set(docs.flatMap((d) => d.title.split(/[\s,.:;!?“”"()]+/))
      .filter((w) => /^\p{L}{5,}$/u.test(w)))]));
  const queries = [];
  for (let i = 0; queries.length < COUNT && i + 1 < words.length; i += 2) {
    const word = words[i];
    switch (queries.length % 4) {
      case 0: queries.push(word); break;
      case 1: queries.push(`${word} ${words[i + 1]}`); break;
      case 2: queries.push(word.slice(0, 4)); break;
      default: queries.push(word.slice(0, 2) + (word[2] === "x" ? "y" : "x") + word.slice(3));
    }
  }
  const rows = [];
  for (const query of queries) {
    await page.keyboard.press("Escape");
    await page.locator("body").press("/");
    const input = page.locator("#site-search-query");
    await input.fill("");
    const before = seen;
    await page.keyboard.type(query, { delay: 30 });
    await page.waitForFunction((q) => window.shelfSearch.last()?.query === q, query.trim(), { timeout: 30_000 });
    // Let a late keystroke's fetches land before counting.
    await page.waitForTimeout(300);
    const last = await page.evaluate(() => window.shelfSearch.last());
    const results = await page.$$eval("#site-search-results > li", (l) => l.length);
    rows.push({ query, requests: last.requests, ms: last.ms, typed_requests: seen - before, results });
    console.log(`${JSON.stringify(query).padEnd(28)} ${String(last.requests).padStart(2)} req ${last.ms.toFixed(1).padStart(7)} ms  (${seen - before} fetched while typed, ${results} shown)`);
  }
  const after = rows.slice(1);
  const summary = {
    site: SITE,
    queries: rows.length,
    first: { requests: rows[0].requests, ms: Number(rows[0].ms.toFixed(1)) },
    after_first: {
      requests_median: median(after.map((r) => r.requests)),
      requests_max: Math.max(...after.map((r) => r.requests)),
      ms_median: Number(median(after.map((r) => r.ms)).toFixed(1)),
      ms_max: Number(Math.max(...after.map((r) => r.ms)).toFixed(1)),
      typed_requests_median: median(after.map((r) => r.typed_requests)),
    },
    over_budget: after.filter((r) => r.requests > 6 || r.ms >= 100).map((r) => r.query),
    chromium: browser.version(),
  };
  console.log(JSON.stringify(summary));
  await page.context().close();
} finally {
  await browser.close().catch(() => {});
  await server.close();
}

// Shared by the browser tests: module loading from the cache outside the repository, the
// Chromium launch, a tiny static server, and a minimal test runner (no framework).
import { createRequire } from "node:module";
import { createServer } from "node:http";
import { createReadStream, readdirSync, statSync } from "node:fs";
import { extname, join, normalize, resolve, sep } from "node:path";

// The packages are installed outside the repository (see .ci/run); SHELF_BROWSER_MODULES
// names that node_modules folder. Without it, .ci/browser/node_modules is tried.
const modules = process.env.SHELF_BROWSER_MODULES ||
  new URL("./node_modules", import.meta.url).pathname;
const require = createRequire(join(resolve(modules), "_"));
export const { chromium } = require("playwright-core");
export const AXE_PATH = require.resolve("axe-core/axe.min.js");

export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
export const TIMEOUT = 15_000;

// Playwright gives every launch a fresh temporary profile (its own --user-data-dir) and
// removes it on close; it refuses --user-data-dir in args.
export async function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: 60_000,
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
}

export async function newPage(browser, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  page.setDefaultNavigationTimeout(TIMEOUT);
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") { errors.push(m.text()); } });
  page.jsErrors = errors;
  return page;
}

// The pages of `paths` (relative to `base`) that scroll sideways at a phone `width`, each as
// "path: N px (culprits)". Every <details> is opened first, so a closed box cannot hide an
// overflow. Measured against the width asked for: on a phone, a too-wide page makes the
// browser zoom out, and innerWidth grows with it.
export async function pagesWiderThan(browser, base, paths, width) {
  const page = await newPage(browser, { viewport: { width, height: 800 }, isMobile: true, hasTouch: true });
  const wide = [];
  for (const path of paths) {
    await page.goto(base + encodeURI(path), { waitUntil: "load" });
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
  return wide;
}

// Kills the whole run if it hangs: nothing below may take longer than this.
export function watchdog(seconds) {
  const timer = setTimeout(() => {
    console.error(`watchdog: still running after ${seconds}s, giving up`);
    process.exit(3);
  }, seconds * 1000);
  timer.unref();
}

const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8", ".json": "application/json",
  ".xml": "application/xml", ".svg": "image/svg+xml", ".png": "image/png",
  ".jpg": "image/jpeg", ".webp": "image/webp", ".txt": "text/plain; charset=utf-8",
  ".bib": "text/plain; charset=utf-8", ".ris": "text/plain; charset=utf-8",
  ".epub": "application/epub+zip", ".woff2": "font/woff2", ".ico": "image/x-icon",
};

// Serves `dir` at `/` and under `prefix` (e.g. "/jangmadang/") on 127.0.0.1, a free port.
// A directory serves its index.html; a directory without the trailing slash is redirected.
export async function staticServer(dir, prefix) {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (prefix && (path + "/").startsWith(prefix)) { path = "/" + path.slice(prefix.length); }
    const file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) { res.writeHead(403).end(); return; }
    let target = file;
    try {
      if (statSync(target).isDirectory()) {
        if (!req.url.split("?")[0].endsWith("/")) {
          res.writeHead(301, { Location: req.url.split("?")[0] + "/" }).end();
          return;
        }
        target = join(target, "index.html");
      }
      statSync(target);
    } catch {
      res.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, {
      "Content-Type": TYPES[extname(target)] || "application/octet-stream",
      "Cache-Control": "no-store",
    });
    createReadStream(target).pipe(res);
  });
  await new Promise((ok, fail) => { server.once("error", fail); server.listen(0, "127.0.0.1", ok); });
  const base = `http://127.0.0.1:${server.address().port}`;
  return {
    url: base + "/",
    prefixed: base + (prefix || "/"),
    close: () => new Promise((ok) => { server.closeAllConnections?.(); server.close(ok); }),
  };
}

// Every file under `dir` whose name ends in `suffix`, as paths relative to `dir`, sorted.
export function walk(dir, suffix, here = "") {
  const out = [];
  for (const entry of readdirSync(join(dir, here), { withFileTypes: true })) {
    const rel = here ? `${here}/${entry.name}` : entry.name;
    if (entry.isDirectory()) { out.push(...walk(dir, suffix, rel)); } else if (entry.name.endsWith(suffix)) { out.push(rel); }
  }
  return out.sort();
}

// A minimal runner: test(name, fn) runs in order; summary() prints "N passed, M failed".
const results = { passed: 0, failed: 0 };
export async function test(name, fn) {
  const started = Date.now();
  try {
    await fn();
    results.passed++;
    console.log(`ok   ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    results.failed++;
    console.log(`FAIL ${name} (${Date.now() - started} ms)`);
    console.log(String(error && error.stack || error).split("\n").map((l) => "     " + l).join("\n"));
  }
}

export function summary() {
  console.log(`${results.passed} passed, ${results.failed} failed`);
  return results.failed === 0 ? 0 : 1;
}

export function assert(condition, message) {
  if (!condition) { throw new Error(message); }
}

export async function waitFor(what, check, ms = TIMEOUT, step = 100) {
  const deadline = Date.now() + ms;
  let last;
  while (Date.now() < deadline) {
    last = await check();
    if (last) { return last; }
    await new Promise((r) => setTimeout(r, step));
  }
  throw new Error(`timed out after ${ms} ms waiting for ${what}`);
}

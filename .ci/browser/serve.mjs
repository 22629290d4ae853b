// `shelf serve` end to end in a browser: node .ci/browser/serve.mjs [shelf-binary]
// Copies the project to a temporary folder, serves it, and edits an article's metadata on
// disk: the open page must show the change by itself, a broken edit must show the error
// overlay (file name and line), and the fix must clear it. Last line: "N passed, M failed".
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { assert, launch, newPage, summary, test, waitFor, watchdog } from "./lib.mjs";

watchdog(150);
const SHELF = resolve(process.argv[2] || "target/release/shelf");
const PROJECT = resolve(process.argv[3] || ".");
const SLUG = "jangmadang-generation";
const TOML = `content/articles/${SLUG}.toml`;
const RELOAD_MS = 10_000;

const tmp = mkdtempSync(join(tmpdir(), "shelf-serve-browser-"));
for (const part of ["site.toml", "seeds", "content", "themes"]) {
  cpSync(join(PROJECT, part), join(tmp, part), { recursive: true });
}
const metadataPath = join(tmp, TOML);
const original = readFileSync(metadataPath, "utf8");
assert(/^title = ".*"$/m.test(original), `no title line in ${TOML}`);
const withTitle = (title) => original.replace(/^title = ".*"$/m, `title = "${title}"`);

// Its own process group, so the kill below reaches everything it starts.
const child = spawn(SHELF, ["serve", "--root", tmp, "--port", "0"], {
  detached: true, stdio: ["ignore", "pipe", "pipe"],
});
let output = "";
child.stdout.on("data", (d) => { output += d; });
child.stderr.on("data", (d) => { output += d; });
let exited = null;
child.on("exit", (code, signal) => { exited = { code, signal }; });

function stopServer() {
  if (exited === null) {
    try { process.kill(-child.pid, "SIGTERM"); } catch { /* already gone */ }
  }
}
process.on("exit", () => {
  if (exited === null) { try { process.kill(-child.pid, "SIGKILL"); } catch { /* gone */ } }
  rmSync(tmp, { recursive: true, force: true });
});

let browser;
try {
  // "serving http://127.0.0.1:PORT/ from … (Ctrl-C to stop)"
  const base = await waitFor("shelf serve to print its address", () => {
    if (exited) { throw new Error(`shelf serve exited (${JSON.stringify(exited)}):\n${output}`); }
    return /serving (http:\/\/\S+\/) from/.exec(output)?.[1];
  }, 60_000);
  console.log(`${SHELF} serving ${tmp} at ${base}`);
  browser = await launch();
  const page = await newPage(browser);
  const url = `${base}articles/${SLUG}/index.html`;
  const h1 = () => page.locator("h1").first().textContent({ timeout: 2_000 }).catch(() => "");
  const overlay = page.locator("#shelf-error-overlay");

  await test("serve: the article page is served with the live-reload script", async () => {
    const response = await page.goto(url);
    assert(response.ok(), `${url} answers ${response.status()}`);
    assert(await page.locator("script[data-shelf-live-reload]").count() === 1, "no live-reload script");
    assert((await h1()).includes("Jangmadang"), `unexpected h1: ${await h1()}`);
    // Let the EventSource connect before the first edit.
    await page.waitForTimeout(500);
  });

  await test("serve: a new title on disk shows up without a manual reload", async () => {
    const title = "Live reload works";
    writeFileSync(metadataPath, withTitle(title));
    await waitFor(`the h1 to read "${title}"`, async () => (await h1()).trim() === title, RELOAD_MS);
    assert((await page.title()).startsWith(title), `document title: ${await page.title()}`);
  });

  let line;
  await test("serve: broken TOML shows the error overlay with the file and a line", async () => {
    // An unterminated string on the title line: a TOML syntax error.
    writeFileSync(metadataPath, original.replace(/^title = ".*"$/m, 'title = "Broken'));
    await overlay.waitFor({ state: "visible", timeout: RELOAD_MS });
    const text = await overlay.textContent();
    const where = new RegExp(`${SLUG}\\.toml:(\\d+)`).exec(text);
    assert(where, `the overlay names no ${SLUG}.toml:LINE:\n${text}`);
    line = Number(where[1]);
    assert(line === 2, `the overlay points at line ${line}, the title is on line 2:\n${text}`);
    assert(await overlay.getAttribute("role") === "alert", "the overlay is not role=alert");
    // The last good version stays underneath.
    assert((await h1()).trim() === "Live reload works", `the page underneath changed: ${await h1()}`);
    console.log(`     overlay: ${text.split("\n").slice(0, 3).join(" | ")}`);
  });

  await test("serve: fixing the file clears the overlay and shows the fixed content", async () => {
    const title = "Fixed after the error";
    writeFileSync(metadataPath, withTitle(title));
    await waitFor("the overlay to go and the fixed title to show", async () =>
      (await overlay.count()) === 0 && (await h1()).trim() === title, RELOAD_MS);
    assert(page.jsErrors.every((e) => !/shelf|reload/i.test(e)), `JavaScript errors: ${page.jsErrors.join("; ")}`);
  });
} catch (error) {
  await test("serve: set-up", () => { throw error; });
} finally {
  if (browser) { await browser.close().catch(() => {}); }
  stopServer();
  await waitFor("shelf serve to stop", () => exited !== null, 5_000).catch(() => {
    try { process.kill(-child.pid, "SIGKILL"); } catch { /* gone */ }
  });
}
if (summary() !== 0) {
  console.log(`shelf serve output:\n${output}`);
  process.exit(1);
}
process.exit(0);

// How the board page behaves with 10,000 active journeys and 200,000 events (the bar: "the
// page usable"). By hand, not by ctest (it takes minutes):
//
//   CELLJOURNEY_BIN=build/bin/celljourney node tests/browser/page_bench.mjs [journeys]  (default 10000)
//
// A `celljourney serve` on a throwaway private cluster; celljourney-board-bench seeds it through
// the server's own code (tests/bench/board/board_seed.h) and times the API; then chromium logs in
// as a coordinator and this prints, for the page: the time from navigation to the first 200
// rows drawn, to a filtered board, to the next page ("Show more"), and the rows in the DOM.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { newDataDir, Server, BIN } from "./lib/server.mjs";
import { launch, newPage, screenshot } from "./lib/browser.mjs";

const journeys = process.argv[2] || "10000";
const dataDir = newDataDir();
const server = await Server.start(dataDir, { extraArgs: ["--sweep-interval", "0", "--no-demo"] });
let browser;
try {
  const uri = `postgresql:///celljourney?host=${encodeURIComponent(dataDir)}&port=5432&user=postgres`;
  const bench = join(dirname(BIN), "celljourney-board-bench");
  // The page's figures depend on the number of journeys, not on their events: 2 events each
  // seed in a minute (the API's own figures at 200,000 events: scripts/bench-board).
  const seeded = spawnSync(bench, ["--database", uri, "--journeys", journeys, "--events", "2", "--runs", "5"],
    { encoding: "utf8", timeout: 30 * 60000, maxBuffer: 16 << 20 });
  console.log(seeded.stdout + seeded.stderr);  // exit 2 (a query over 50 ms) is a figure here, not a failure
  if (seeded.status !== 0 && seeded.status !== 2) throw new Error("celljourney-board-bench failed");

  browser = await launch();
  const page = await newPage(browser);
  page.setDefaultTimeout(60000);
  await page.goto(server.url + "/login.html");
  await page.getByLabel("User name").fill("cora.board-1");
  await page.getByLabel("Password").fill("board bench password");
  const rows = () => page.locator("#board tbody tr");
  const timed = async (what, action, until) => {
    const start = Date.now();
    await action();
    await page.waitForFunction(until);
    console.log(`page: ${what}: ${Date.now() - start} ms (${await rows().count()} rows in the page)`);
  };
  let signIn = null;  // the login's POST /api/v1/session: its argon2id check is most of it
  page.on("requestfinished", (request) => {
    if (request.method() === "POST" && request.url().endsWith("/api/v1/session")) signIn = request.timing();
  });
  const clicked = Date.now();
  await timed("log in to the first 200 rows drawn", () => page.getByRole("button", { name: "Log in" }).click(),
    () => document.querySelectorAll("#board tbody tr").length === 200);
  const board = await page.evaluate(() => ({ origin: performance.timeOrigin, now: performance.now() }));
  const drawn = await page.evaluate(() => performance.getEntriesByName("board: first rows drawn").map((m) => m.startTime));
  if (drawn.length) console.log(`  the board's script marked its first rows drawn at ${drawn[0].toFixed(0)} ms from its navigation`);
  if (signIn) console.log(`  the sign-in request (POST /api/v1/session): ${(signIn.responseEnd - signIn.requestStart).toFixed(0)} ms`);
  console.log(`  from the click to the board page's navigation: ${(board.origin - clicked).toFixed(0)} ms;` +
    ` from its navigation to the first 200 rows drawn: ${board.now.toFixed(0)} ms`);
  console.log("page: " + await page.locator("#board-count").innerText());
  // Where the first rows' time goes: the board page's own requests, from its navigation start.
  const entries = await page.evaluate(() => performance.getEntriesByType("resource").map((e) =>
    ({ name: e.name.replace(location.origin, ""), start: e.startTime, end: e.responseEnd })));
  for (const e of entries) console.log(`  ${e.start.toFixed(0).padStart(5)}-${e.end.toFixed(0).padStart(5)} ms ${e.name}`);
  await timed("stage filter (product.store) drawn", () => page.getByLabel("Stage").selectOption("product.store"),
    () => [...document.querySelectorAll("#board tbody tr")].every((tr) => tr.textContent.includes("Stored · stage 9 of 13")));
  await page.getByLabel("Stage").selectOption("");
  await page.waitForFunction(() => document.querySelectorAll("#board tbody tr").length === 200);
  await timed("Show more (rows 201-400) drawn", () => page.getByRole("button", { name: "Show more" }).click(),
    () => document.querySelectorAll("#board tbody tr").length === 400);
  const tick = await page.evaluate(() => {
    const start = performance.now();
    document.querySelectorAll("#board [data-due]").forEach((el) => { el.textContent = el.textContent; });
    return performance.now() - start;
  });
  console.log(`page: one countdown tick over 400 rows (DOM writes): ${tick.toFixed(1)} ms`);
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, "board-10000");
} finally {
  if (browser) await browser.close();
  await server.stop();
}

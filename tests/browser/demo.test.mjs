// The first start of `scripts/run` (README.md): a newcomer opens the printed URL, logs
// in with a demo login, and sees the demo journeys on the board, their clocks running.
// The demo also shows a shipper logger's curve with an excursion, and prints on its own printer.
// Run by ctest (tests/CMakeLists.txt); the server seeds its demo on its empty private cluster.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { newCentreKey, newDataDir, Server } from "./lib/server.mjs";
import { Api } from "./lib/api.mjs";
import { join } from "node:path";
import { launch, newPage, screenshot, logInThrough, SCREENSHOT_DIR } from "./lib/browser.mjs";

const TEST_TIMEOUT = { timeout: 90000 };
let server, browser, page, login;

const watchdog = setTimeout(async () => {
  console.error("demo browser tests: watchdog fired after 4 minutes; stopping");
  if (server) await server.stop();
  process.exit(1);
}, 240000);
watchdog.unref();

/** Resolves when serve has printed the demo logins: {password, coordinator, qa}. */
async function demoLogins(s, timeoutMs = 60000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const password = /logins, password '([^']+)'/.exec(s.output);
    const coordinator = /^\s+coordinator\s+(\S+)/m.exec(s.output);  // "  coordinator  cora  badge DEMO-CORA"
    if (password && coordinator) return { password: password[1], coordinator: coordinator[1] };
    if (Date.now() > deadline) throw new Error("serve printed no demo logins:\n" + s.output);
    await new Promise((r) => setTimeout(r, 200));
  }
}

before(async () => {
  // scripts/run's way: the demo is seeded, its scans proven by sealed proofs (so a centre key).
  const dataDir = newDataDir();
  server = await Server.start(dataDir, { extraArgs: ["--demo", "--centre-key-file", await newCentreKey(dataDir, "Demo centre")] });
  login = await demoLogins(server);
  browser = await launch();
}, { timeout: 150000 });

after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

test("a newcomer logs in with the printed demo login and sees every demo journey on the board", TEST_TIMEOUT, async () => {
  const api = await new Api(server.url).logIn(login.coordinator, login.password);
  const board = await api.get("/api/v1/board");
  assert.ok(board.total >= 4, `the demo puts a handful of journeys on the board (${board.total})`);
  page = await newPage(browser);
  await logInThrough(page, server.url + "/", login.coordinator, login.password);
  await page.waitForFunction((n) => document.querySelectorAll("#board tbody tr").length === n, board.total);
  const products = new Set(board.journeys.map((j) => j.product));
  // Each product under its name ("Carvykti (ciltacabtagene autoleucel)" for carvykti).
  const shown = (await page.locator("#board tbody").innerText()).toLowerCase();
  for (const product of products) assert.ok(shown.includes(product), `${product} on the board`);
  assert.ok(products.size >= 3, "several products");
  await page.locator(".live[data-state=connected]").waitFor();
  await screenshot(page, "board-demo");
  assert.deepEqual(page.scriptErrors, []);
});

test("the demo's running clock counts down on the board by itself", TEST_TIMEOUT, async () => {
  const due = page.locator("#board [data-due]").first();
  await due.waitFor();
  const before = await due.innerText();
  await page.waitForFunction((text) => document.querySelector("#board [data-due]").textContent !== text, before,
    { timeout: 5000 });
  assert.match(await due.innerText(), /^(⚠ OVERDUE by|◷ in|in) /);
});

test("the demo's open deviation shows as a badge with its code", TEST_TIMEOUT, async () => {
  const badge = page.locator("#board .badge.warn").first();
  await badge.waitFor();
  assert.match(await badge.innerText(), /^▲ [A-Z_]+$/);
});

/** The demo's board row whose deviations include code. */
async function journeyWith(code) {
  const api = await new Api(server.url).logIn(login.coordinator, login.password);
  const board = await api.get("/api/v1/board");
  const row = board.journeys.find((j) => j.deviation_codes.includes(code));
  assert.ok(row, `a demo journey with ${code}`);
  return row;
}

test("the journey page of a journey with logger readings shows the curve and its excursion in words", TEST_TIMEOUT, async () => {
  const row = await journeyWith("TEMP_EXCURSION");
  await page.goto(`${server.url}/journey.html?coi=${row.coi}`);
  const section = page.locator("#temperature[data-state=shown]");
  await section.waitFor();
  // The <img> is in the page before its blob has decoded: wait for the picture itself.
  await page.waitForFunction(() => {
    const img = document.querySelector("#temperature img.curve");
    return img !== null && img.complete && img.naturalWidth > 0;
  }, null, { timeout: 15000 });
  assert.match(await page.locator("#temperature img.curve").getAttribute("src"), /^blob:/);
  assert.match(await page.locator("#temperature img.curve").getAttribute("alt"), /1 excursion shaded red/);
  const text = await section.innerText();
  assert.match(text, /Logger LOG-DEMO-\d+ \(shipper SHIP-DEMO-\d+\)/);
  assert.match(text, /▲ EXCURSION 2 readings above -150\.0 °C/);
  assert.match(text, /limit ≤ -150\.0 °C/);
  await section.screenshot({ path: join(SCREENSHOT_DIR, "board-journey-temperature.png") });
  assert.deepEqual(page.scriptErrors, []);
});

test("the journey page of a journey without readings has no temperature section", TEST_TIMEOUT, async () => {
  const row = await journeyWith("OUT_OF_ORDER");
  await page.goto(`${server.url}/journey.html?coi=${row.coi}`);
  await page.locator("#temperature[data-state=none]").waitFor({ state: "attached" });
  assert.equal(await page.locator("#temperature").isHidden(), true);
});

test("a demo label prints on the demo printer picked from the site's list", TEST_TIMEOUT, async () => {
  const row = await journeyWith("TEMP_EXCURSION");
  await page.goto(`${server.url}/journey.html?coi=${row.coi}`);
  const units = page.locator("#units");
  const printer = units.getByLabel("Printer").first();
  await page.waitForFunction(() => document.querySelector("#units select[id$=-printer] option[value='DEMO-ZEBRA']") !== null,
    null, { timeout: 15000 });
  await printer.selectOption("DEMO-ZEBRA");
  await units.getByRole("button", { name: "Print" }).first().click();
  await units.getByText("Label sent to DEMO-ZEBRA: printed.").waitFor();
  assert.deepEqual(page.scriptErrors, []);
});

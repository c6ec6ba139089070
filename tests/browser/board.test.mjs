// The coordinator board in a real browser (docs/board.md): Debian's chromium against a real
// `celljourney serve` on its own PostgreSQL, seeded through the CLI and the API.
// Run by ctest (tests/CMakeLists.txt); screenshots go to SCREENSHOT_DIR.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, existsSync } from "node:fs";
import { Ward, PASSWORD, SITE } from "./lib/ward.mjs";
import { launch, newPage, screenshot, logInThrough } from "./lib/browser.mjs";
import { seriousViolations } from "./lib/axe.mjs";
import { toDisposition } from "./lib/capa.mjs";

const TEST_TIMEOUT = { timeout: 60000 };
let ward, browser, board;  // board: the coordinator's tab, kept open across tests
const patients = {
  jd: { mrn: "MRN10001", initials: "J.D.", din: "A999926100001" },
  kl: { mrn: "MRN10002", initials: "K.L.", din: "A999926100002" },
  mp: { mrn: "MRN10003", initials: "M.P.", din: "A999926100003" },
};

// Whatever happens, nothing is left running: the server is stopped by after(), or by the
// watchdog when a step hangs.
const watchdog = setTimeout(async () => {
  console.error("browser tests: watchdog fired after 5 minutes; stopping");
  if (ward) await ward.close();
  process.exit(1);
}, 300000);
watchdog.unref();

before(async () => {
  ward = await Ward.open();
  for (const p of Object.values(patients)) p.coi = await ward.newJourney(p.mrn, p.initials, p.din);
  // M.P.'s bag shipped before it was labelled: an OUT_OF_ORDER deviation, open.
  await ward.collect(patients.mp.coi, patients.mp);
  await ward.shipUnlabelled(patients.mp.coi, patients.mp);
  browser = await launch();
}, { timeout: 120000 });

after(async () => {
  if (browser) await browser.close();
  if (ward) await ward.close();
});

const rowOf = (page, coi) => page.locator(`#board tbody tr[data-coi="${coi}"]`);

test("the board is behind the login: a visitor is sent to log in, and comes back to the board", TEST_TIMEOUT, async () => {
  board = await newPage(browser);
  await logInThrough(board, ward.server.url + "/", "cora", PASSWORD);
  assert.equal(new URL(board.url()).pathname, "/");
  await board.locator("#board tbody tr").first().waitFor();
});

test("the board shows one row per active journey with patient, product, stage, deadline and deviations", TEST_TIMEOUT, async () => {
  await assert.doesNotReject(board.locator("#board tbody tr").nth(2).waitFor());
  assert.equal(await board.locator("#board tbody tr").count(), 3);
  const jd = rowOf(board, patients.jd.coi);
  await assert.doesNotReject(jd.getByText("MRN MRN10001").waitFor(), "a coordinator sees the MRN");
  assert.match(await jd.innerText(), /J\.D\./);
  assert.match(await jd.innerText(), /Kymriah \(tisagenlecleucel\)/, "the product's name, not its id");
  assert.match(await jd.innerText(), /Order · stage 1 of 13/);
  assert.match(await jd.innerText(), /✔ none/, "no deviation says so in words, not only by colour");
  const mp = rowOf(board, patients.mp.coi);
  assert.match(await mp.innerText(), /▲ OUT_OF_ORDER/, "a deviation is a badge with its code");
  assert.match(await board.locator("#board-count").innerText(), /3 journeys/);
  await board.locator(".live[data-state=connected]").waitFor();
  await screenshot(board, "board-rows");
  assert.deepEqual(board.scriptErrors, []);
});

test("a scan posted through the API moves its row on the open board, without a reload", TEST_TIMEOUT, async () => {
  await board.evaluate(() => { window.notReloaded = true; });
  const row = rowOf(board, patients.jd.coi);
  const posted = Date.now();
  await ward.collect(patients.jd.coi, patients.jd);
  await row.getByText("Collection · stage 2 of 13").waitFor({ timeout: 5000 });
  console.log(`# scan to row updated on the page: ${Date.now() - posted} ms`);
  assert.equal(await board.evaluate(() => window.notReloaded), true, "the page was not reloaded");
  await screenshot(board, "board-after-scan");
});

test("a filter narrows the board and the address keeps it", TEST_TIMEOUT, async () => {
  await board.getByLabel("Stage").selectOption("apheresis.collect");
  await board.waitForFunction(() => document.querySelectorAll("#board tbody tr").length === 1);
  assert.match(await board.locator("#board tbody").innerText(), /J\.D\./);
  assert.match(board.url(), /stage=apheresis\.collect/);
  await board.reload();
  await board.waitForFunction(() => document.querySelectorAll("#board tbody tr").length === 1);
  assert.equal(await board.getByLabel("Stage").inputValue(), "apheresis.collect");
  await board.getByLabel("Stage").selectOption("");
  await board.waitForFunction(() => document.querySelectorAll("#board tbody tr").length === 3);
});

test("the board's first calls leave while its modules load, and none is sent twice", TEST_TIMEOUT, async () => {
  await board.goto(ward.server.url + "/?stage=apheresis.collect");
  await board.waitForFunction(() => document.querySelectorAll("#board tbody tr").length === 1);
  // The site's rules (the products' names) may come after the rows.
  await board.waitForFunction(() => performance.getEntriesByType("resource").some((e) => e.name.endsWith("/rules")));
  const entries = await board.evaluate(() => performance.getEntriesByType("resource").map((e) =>
    ({ path: e.name.replace(location.origin, ""), start: e.startTime, end: e.responseEnd })));
  const sent = (path) => entries.filter((e) => e.path === path);
  const first = ["/api/v1/board?stage=apheresis.collect&limit=200", "/api/v1/journey-model", "/api/v1/sites",
    "/api/v1/forms", `/api/v1/sites/${SITE}/rules`];
  for (const path of first) assert.equal(sent(path).length, 1, `${path} is asked for once`);
  // Without early_calls.js the calls left only once the whole module graph had loaded.
  const modulesLoaded = Math.max(...entries.filter((e) => /^\/js\/(?!early_calls)/.test(e.path)).map((e) => e.end));
  assert.ok(sent(first[0])[0].start < modulesLoaded,
    `the first page was asked for at ${sent(first[0])[0].start} ms, before the modules had loaded at ${modulesLoaded} ms`);
  assert.deepEqual(board.scriptErrors, []);
  await board.goto(ward.server.url + "/");
  await board.waitForFunction(() => document.querySelectorAll("#board tbody tr").length === 3);
});

test("after a server restart the board reconnects by itself and follows scans again", TEST_TIMEOUT, async () => {
  await board.evaluate(() => { window.notReloaded = true; });
  await ward.server.restart();
  // It notices the lost connection, then comes back on its own (backoff up to 10 s).
  await board.locator(".live[data-state=connected]").waitFor({ timeout: 30000 });
  await ward.collect(patients.kl.coi, patients.kl);
  await rowOf(board, patients.kl.coi).getByText("Collection · stage 2 of 13").waitFor({ timeout: 5000 });
  assert.equal(await board.evaluate(() => window.notReloaded), true, "the page was not reloaded");
  assert.deepEqual(board.scriptErrors, []);
});

test("the session token the page's live feed carries in its address never reaches the server's log", TEST_TIMEOUT, async () => {
  const token = await board.evaluate(() => JSON.parse(sessionStorage.getItem("celljourney.session")).token);
  assert.match(ward.server.output, /GET \/api\/v1\/feed\?token=\(hidden\) 101/);
  assert.equal(ward.server.output.includes(token), false);
});

test("the board works with the keyboard alone: skip link, filters, and a journey opened with Enter", TEST_TIMEOUT, async () => {
  await board.goto(ward.server.url + "/");
  await rowOf(board, patients.jd.coi).waitFor();
  await board.keyboard.press("Tab");
  assert.equal(await board.evaluate(() => document.activeElement.textContent), "Skip to the board");
  // Tab on until the first journey link has focus; every stop on the way is a visible control.
  let focused = "";
  for (let i = 0; i < 20 && !/^CH/.test(focused); i++) {
    await board.keyboard.press("Tab");
    focused = await board.evaluate(() => document.activeElement.textContent.trim());
  }
  assert.match(focused, /^CHA9999/, "a journey link is reachable by Tab");
  const coi = focused;
  await board.keyboard.press("Enter");
  await board.waitForURL(/\/journey\.html\?coi=/);
  assert.equal(new URL(board.url()).searchParams.get("coi"), coi);
});

test("the journey page shows every event with who, where, when and the identifiers scanned", TEST_TIMEOUT, async () => {
  await board.goto(`${ward.server.url}/journey.html?coi=${patients.mp.coi}`);
  const timeline = board.locator("#timeline");
  await timeline.locator("li").nth(2).waitFor();
  assert.equal(await timeline.locator(":scope > li").count(), 3);
  const text = await timeline.innerText();
  assert.match(text, /Apheresis collection ended/, "the step's title, not its id");
  assert.match(text, /Volume collected\s+250 mL/, "the data as labelled fields with their unit, not JSON");
  assert.doesNotMatch(text, /volume_ml/);
  assert.match(text, /Who: ann/);
  assert.match(text, /Where: AP-1/);
  assert.match(text, /=A99992610000300/, "the raw scan of the bag");
  assert.match(text, /&#0008MRN10003/, "the raw scan of the wristband");
  assert.match(text, /▲ OUT_OF_ORDER/);
  assert.match(await board.locator("#deviations").innerText(), /OUT_OF_ORDER \(major\)/);
  assert.match(await board.locator("#facts").innerText(), /MRN10003/);
  assert.match(await board.locator("#units").innerText(), /A999926100003/);
  await screenshot(board, "board-journey");
  assert.deepEqual(board.scriptErrors, []);
});

test("QA's board and journey page show the initials only: no MRN, not even in the wristband scan or a live update", TEST_TIMEOUT, async () => {
  const qa = await newPage(browser);
  await logInThrough(qa, ward.server.url + "/", "quinn", PASSWORD);
  const kl = rowOf(qa, patients.kl.coi);
  await kl.waitFor();
  await qa.locator(".live[data-state=connected]").waitFor();
  assert.match(await kl.innerText(), /K\.L\./);
  await ward.collect(patients.kl.coi, patients.kl);
  await kl.getByText("Collection · stage 2 of 13").waitFor({ timeout: 5000 });
  const boardText = await qa.locator("#board").innerText();
  for (const p of Object.values(patients)) assert.equal(boardText.includes(p.mrn), false, `no MRN ${p.mrn} on QA's board`);
  await qa.goto(`${ward.server.url}/journey.html?coi=${patients.kl.coi}`);
  await qa.locator("#timeline li").nth(1).waitFor();
  assert.match(await qa.locator("#facts").innerText(), /K\.L\./);
  // The ward's order references are "PO-" + the MRN (test data the coordinator typed): not the
  // server showing an identifier. Anywhere else the MRN must not appear.
  const pageText = (await qa.locator("body").innerText()).replaceAll("PO-" + patients.kl.mrn, "PO-…");
  const at = pageText.indexOf(patients.kl.mrn);
  assert.equal(at, -1, `no MRN on QA's journey page: …${pageText.slice(Math.max(0, at - 120), at + 40)}…`);
  assert.match(await qa.locator("#timeline").innerText(), /\(patient identification, hidden\)/);
  await screenshot(qa, "board-qa-initials-only");
  assert.deepEqual(qa.scriptErrors, []);
  await qa.context().close();
});

test("a coordinator previews a bag's label, prints it, and reprints it with a reason", TEST_TIMEOUT, async () => {
  await board.goto(`${ward.server.url}/journey.html?coi=${patients.jd.coi}`);
  const units = board.locator("#units");
  await units.getByRole("button", { name: "Show label" }).click();
  const label = units.locator("img.label");
  await label.waitFor();
  // The <img> is in the page before its PNG has arrived: wait for the picture itself.
  await board.waitForFunction(() => {
    const img = document.querySelector("#units img.label");
    return img !== null && img.complete && img.naturalWidth > 100;
  }, null, { timeout: 15000 });
  // The site's printers are offered as a list (GET /api/v1/printers): pick the Zebra from it.
  const printer = units.getByLabel("Printer");
  await board.waitForFunction(() => document.querySelectorAll("#units select[id$=-printer] option[value='AP-ZEBRA-1']").length > 0,
    null, { timeout: 15000 });
  assert.deepEqual(await printer.locator("option").evaluateAll((os) => os.map((o) => o.value)), ["AP-LASER", "AP-ZEBRA-1"]);
  await printer.selectOption("AP-ZEBRA-1");
  await units.getByRole("button", { name: "Print" }).click();
  await units.getByText("Label sent to AP-ZEBRA-1: printed.").waitFor();
  await units.getByLabel("Reason (for a reprint)").fill("Label smudged by condensation");
  await units.getByRole("button", { name: "Print" }).click();
  await units.getByText("Reprint 1 sent to AP-ZEBRA-1: printed.").waitFor();
  // The print history is fetched again after the answer: wait for the reprint's line.
  await units.locator("ul").getByText(/reprint 1 on AP-ZEBRA-1/).waitFor();
  const history = await units.locator("ul").innerText();
  assert.match(history, /first print on AP-ZEBRA-1 by cora/);
  assert.match(history, /reprint 1 on AP-ZEBRA-1 by cora .*reason: Label smudged by condensation/);
  assert.match(readFileSync(ward.printerFile, "latin1"), /\^XA/, "the printer got ZPL");
  assert.ok(!existsSync(ward.otherPrinterFile), "the printer not chosen got nothing");
  await screenshot(board, "board-journey-labels");
  assert.deepEqual(board.scriptErrors, []);
});

test("QA closes a deviation with a signature: password again, meaning and reason", TEST_TIMEOUT, async () => {
  const qa = await newPage(browser);
  await logInThrough(qa, ward.server.url + "/deviations.html", "quinn", PASSWORD);
  const row = qa.locator("#inbox tbody tr", { hasText: "OUT_OF_ORDER" });
  await row.waitFor();
  await row.getByRole("button", { name: /Open deviation/ }).click();
  await qa.locator("#f-ack").getByRole("button", { name: "Acknowledge" }).click();
  await qa.locator("#inbox-notice", { hasText: /Acknowledge and assign an owner: done/ }).waitFor();
  await row.getByText("◐ ACKNOWLEDGED").waitFor();
  await screenshot(qa, "board-deviations");
  // Investigation, CAPA and disposition (capa.test.mjs drives them on the page), then the close.
  const id = Number(await row.getAttribute("data-id"));
  await toDisposition(await ward.api().logIn("quinn", PASSWORD), id);
  await row.getByRole("button", { name: /Open deviation/ }).click();
  await qa.getByRole("button", { name: /Close #\d+ with your signature/ }).click();
  const dialog = qa.locator("#close-dialog");
  await dialog.getByLabel(/Your password/).fill("not my password");
  await dialog.getByLabel("Meaning of the signature").selectOption("review");
  await dialog.getByLabel(/Reason/).fill("Bag labelled at the manufacturer on receipt; identity confirmed by DIN.");
  await screenshot(qa, "board-deviation-signature");
  await dialog.getByRole("button", { name: "Sign and close" }).click();
  await dialog.locator("#close-error").filter({ hasText: /./ }).waitFor();
  assert.ok(await dialog.isVisible(), "a wrong password signs nothing and keeps the dialog open");
  await dialog.getByLabel(/Your password/).fill(PASSWORD);
  await dialog.getByRole("button", { name: "Sign and close" }).click();
  await qa.locator("#inbox-notice", { hasText: /closed: signed by Quinn Quality \(review\)/ }).waitFor();
  const quinn = await ward.api().logIn("quinn", PASSWORD);
  const [closed] = (await quinn.get(`/api/v1/deviations?journey=${patients.mp.coi}`)).deviations;
  assert.equal(closed.status, "closed");
  assert.equal(closed.closed_by, "quinn");
  // The board follows: the closed deviation's badge goes from the coordinator's row.
  await board.goto(ward.server.url + "/");
  await rowOf(board, patients.mp.coi).getByText("✔ none").waitFor();
  assert.deepEqual(qa.scriptErrors, []);
  await qa.context().close();
});

test("the audit page shows the result of verifying every hash chain", TEST_TIMEOUT, async () => {
  const qa = await newPage(browser);
  await logInThrough(qa, ward.server.url + "/audit.html", "quinn", PASSWORD);
  await qa.getByText("✔ Intact: every chain verifies.").waitFor();
  assert.match(await qa.locator("#result").innerText(), /3 journeys, \d+ events, \d+ facts, \d+ administration entries and \d+ signed checkpoints checked/);
  await screenshot(qa, "board-audit");
  await qa.context().close();
});

test("a wrong password at the login says so, and nothing behind the login opens", TEST_TIMEOUT, async () => {
  const page = await newPage(browser);
  await page.goto(ward.server.url + "/login.html");
  await page.getByLabel("User name").fill("cora");
  await page.getByLabel("Password").fill("wrong password here");
  await page.getByRole("button", { name: "Log in" }).click();
  await page.getByText("Unknown username or wrong password.").waitFor();
  await screenshot(page, "board-login");
  await page.goto(ward.server.url + "/deviations.html");
  await page.waitForURL(/\/login\.html\?next=%2Fdeviations\.html/);
  await page.context().close();
});

test("the pages load without a single failed request: the favicon is there", TEST_TIMEOUT, async () => {
  const page = await newPage(browser);
  const failed = [];
  page.on("response", (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`); });
  await logInThrough(page, ward.server.url + "/", "cora", PASSWORD);
  await rowOf(page, patients.jd.coi).waitFor();
  const icon = await page.request.get(ward.server.url + "/favicon.ico");
  assert.equal(icon.status(), 200);
  assert.equal(await page.evaluate(() => document.querySelector("link[rel=icon]").getAttribute("href")), "/favicon.svg");
  assert.deepEqual(failed, []);
  await page.context().close();
});

test("at 1024 x 768 no page scrolls sideways, and a phone shows the board as one card per journey", TEST_TIMEOUT, async () => {
  const page = await newPage(browser, { width: 1024, height: 768 });
  await logInThrough(page, ward.server.url + "/", "cora", PASSWORD);
  const sideways = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  for (const path of ["/", `/journey.html?coi=${patients.jd.coi}`, "/deviations.html"]) {
    await page.goto(ward.server.url + path);
    await page.locator("main h1, main h2").first().waitFor();
    await page.waitForLoadState("networkidle");
    assert.equal(await sideways(), 0, `${path} scrolls sideways at 1024 px`);
    assert.deepEqual(await seriousViolations(page), [], `axe-core on ${path} at 1024 px`);
  }
  await page.goto(ward.server.url + "/");
  await rowOf(page, patients.jd.coi).waitFor();
  const rowsAt1024 = await page.evaluate(() =>
    [...document.querySelectorAll("#board tbody tr")].filter((tr) => tr.getBoundingClientRect().bottom <= innerHeight).length);
  assert.equal(rowsAt1024, 3, "the three journeys are in view without scrolling");
  await screenshot(page, "board-1024", { fullPage: false });

  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForFunction(() => getComputedStyle(document.querySelector("#board tbody tr")).display === "block");
  assert.equal(await sideways(), 0, "the board scrolls sideways at 390 px");
  assert.deepEqual(await seriousViolations(page), [], "axe-core on the board as cards");
  const card = rowOf(page, patients.jd.coi);
  const labels = await card.locator("td").evaluateAll((tds) => tds.map((td) => getComputedStyle(td, "::before").content));
  assert.deepEqual(labels, ['"Patient"', '"Product · bags"', '"Stage · hold"', '"Next deadline"', '"Deviations"'],
    "each cell says which column it is");
  await screenshot(page, "board-phone");
  assert.deepEqual(page.scriptErrors, []);
  await page.context().close();
});

test("the progress line marks only the stages that happened", TEST_TIMEOUT, async () => {
  await board.goto(ward.server.url + "/");
  // M.P.'s bag was collected, then shipped without its label: stages 1, 2 and 4, not 3.
  await rowOf(board, patients.mp.coi).locator("ol.progress li").first().waitFor();
  const squares = await rowOf(board, patients.mp.coi).locator("ol.progress li").evaluateAll((lis) => lis.map((li) => li.className));
  assert.deepEqual(squares.slice(0, 5), ["done", "done", "", "current", ""]);
});

test("a journey opened in a new tab stays signed in; logging out in one tab ends the others", TEST_TIMEOUT, async () => {
  await board.goto(ward.server.url + "/");
  await rowOf(board, patients.jd.coi).waitFor();
  const tab = await board.context().newPage();  // a new tab: its own, empty sessionStorage
  const tabErrors = [];
  tab.on("pageerror", (e) => tabErrors.push(e.message));
  await tab.goto(`${ward.server.url}/journey.html?coi=${patients.jd.coi}`);
  await tab.locator("#timeline li").first().waitFor();
  assert.equal(new URL(tab.url()).pathname, "/journey.html", "no second login");
  assert.match(await tab.locator("header.top .who").innerText(), /cora|Cora/);

  await tab.getByRole("button", { name: "Log out" }).click();
  await tab.waitForURL(/\/login\.html/);
  await board.waitForURL(/\/login\.html\?next=/, { timeout: 5000 });
  assert.equal(await board.evaluate(() => sessionStorage.getItem("celljourney.session")), null);
  assert.deepEqual(tabErrors, []);
  await tab.close();
  // Signed in again for whatever follows.
  await board.getByLabel("User name").fill("cora");
  await board.getByLabel("Password").fill(PASSWORD);
  await board.getByRole("button", { name: "Log in" }).click();
  await board.waitForURL((u) => !u.pathname.endsWith("/login.html"));
});

// Clocks, bags and holds on the board and the journey page (docs/board.md), in Debian's chromium at
// 1024 px (a coordinator's ward PC) in the PC's time zone (Europe/Zurich here, not the server's
// UTC), against a real `celljourney serve` on its own PostgreSQL. Journeys are walked through the
// API as stations and people record them, every event in the past, relative to now.
// Run by ctest (tests/CMakeLists.txt); screenshots go to SCREENSHOT_DIR.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { Ward, PASSWORD } from "./lib/ward.mjs";
import { launch, newPage, screenshot, logInThrough } from "./lib/browser.mjs";

const TEST_TIMEOUT = { timeout: 60000 };
const ZONE = "Europe/Zurich";
const PC = { width: 1024, height: 768, timezoneId: ZONE };
const bag = Ward.bag;
let ward, browser, board, page;  // board: the coordinator's board tab; page: a second tab for journeys

const watchdog = setTimeout(async () => {
  console.error("clocks browser tests: watchdog fired after 6 minutes; stopping");
  if (ward) await ward.close();
  process.exit(1);
}, 360000);
watchdog.unref();

// T.H.'s Kymriah bag: thaw started 12 min ago, complete 8 min ago; no bedside check yet.
const thawed = { mrn: "MRN20001", initials: "T.H.", din: "A999926200001", shipper: "SHIP-2001", bags: ["A999926210001"] };
// A.M.'s Kymriah bag: thaw started 10 min ago; its completion was never scanned.
const noComplete = { mrn: "MRN20002", initials: "A.M.", din: "A999926200002", shipper: "SHIP-2002", bags: ["A999926210002"] };
// L.T.'s Kymriah bag: thaw complete 36 min ago, still not infused: 6 min past its 30 min.
const late = { mrn: "MRN20005", initials: "L.T.", din: "A999926200005", shipper: "SHIP-2005", bags: ["A999926210005"] };
// H.O.'s Kymriah bag: stored, nothing is due; the journey is put on hold and released.
const held = { mrn: "MRN20003", initials: "H.O.", din: "A999926200003", shipper: "SHIP-2003", bags: ["A999926210003"] };
// S.D.'s Aucatzyl: dose 1 (blue and orange bags) infused 3 days ago; dose 2 (red) stored, on hold.
const split = { mrn: "MRN20004", initials: "S.D.", din: "A999926200004", shipper: "SHIP-2004",
  bags: ["A999926210041", "A999926210042", "A999926210043"] };
const DOSES = [{ dose: 1, colour: "blue" }, { dose: 1, colour: "orange" }, { dose: 2, colour: "red" }];

function units(p, product) {
  return [
    { kind: "apheresis_bag", din: p.din, product_code: "S1194100" },
    { kind: "shipper", id: p.shipper },
    ...p.bags.map((din, i) => ({ kind: "bag", din, product_code: "S1194A00", expires_at: "2099-12-31",
      ...(product === "aucatzyl" ? DOSES[i] : {}) })),
  ];
}

async function walk(p, product, storedMinutesAgo) {
  p.coi = await ward.newProductJourney(product, p, units(p, product));
  await ward.toStorage(p.coi, p, storedMinutesAgo);
}

// One bag from thaw to the end of its infusion, `end` minutes ago.
async function infuse(p, din, end) {
  const at = { operators: ["nina"], station: "WARD-1", scans: bag(din) };
  await ward.record(p.coi, "product.thaw", end + 40, { operators: ["alice"], station: "LAB-1", scans: bag(din) });
  await ward.record(p.coi, "infusion.verify", end + 30, { operators: ["nina", "paul"], station: "WARD-1",
    scans: ["&#0008" + p.mrn, ...bag(din), "&/" + p.coi],
    data: { checklist: { crs_medications_at_hand: true, no_leukodepleting_filter: true } } });
  await ward.record(p.coi, "infusion.start", end + 20, at);
  await ward.record(p.coi, "infusion.end", end, at);
}

before(async () => {
  ward = await Ward.open();
  await walk(thawed, "kymriah", 60);
  await ward.record(thawed.coi, "product.thaw", 12, { operators: ["alice"], station: "LAB-1", scans: bag(thawed.bags[0]) });
  await ward.record(thawed.coi, "product.thaw_complete", 8, { operators: ["alice"], station: "LAB-1", scans: bag(thawed.bags[0]) });
  await walk(noComplete, "kymriah", 60);
  await ward.record(noComplete.coi, "product.thaw", 10, { operators: ["alice"], station: "LAB-1", scans: bag(noComplete.bags[0]) });
  await walk(late, "kymriah", 60);
  await ward.record(late.coi, "product.thaw", 40, { operators: ["alice"], station: "LAB-1", scans: bag(late.bags[0]) });
  await ward.record(late.coi, "product.thaw_complete", 36, { operators: ["alice"], station: "LAB-1", scans: bag(late.bags[0]) });
  await walk(held, "kymriah", 60);
  const days3 = 3 * 24 * 60;
  await walk(split, "aucatzyl", days3 + 120);
  await infuse(split, split.bags[0], days3 + 60);
  await infuse(split, split.bags[1], days3);
  await ward.record(split.coi, "hold", 30, { operators: ["cora"], scans: bag(split.bags[2]),
    data: { reason: "Dose 2 RfIC under review" } });
  browser = await launch();
  board = await newPage(browser, PC);
  await logInThrough(board, ward.server.url + "/", "cora", PASSWORD);
  page = await newPage(browser, PC);
  await logInThrough(page, ward.server.url + "/", "cora", PASSWORD);
}, { timeout: 180000 });

after(async () => {
  if (browser) await browser.close();
  if (ward) await ward.close();
});

const rowOf = (p, coi) => p.locator(`#board tbody tr[data-coi="${coi}"]`);
const plus = (iso, minutes) => new Date(Date.parse(iso) + minutes * 60000).toISOString().replace(/\.\d+Z$/, "Z");
/** A time as the PC shows it, formatted in the browser itself (its zone, its ICU): "long" is
 *  "02 Dec, 16:26"; "board" is "16:26" when it is today there, else the long form. */
const pcTime = (p, iso, kind = "long") => p.evaluate(([iso, kind]) => {
  const t = new Date(iso);
  const long = t.toLocaleString("en-GB", { day: "2-digit", month: "short", hour: "2-digit", minute: "2-digit" });
  if (kind === "long" || t.toDateString() !== new Date().toDateString()) return long;
  return t.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
}, [iso, kind]);
const utcTime = (iso) => iso.slice(11, 16);
const DATE_TIME = String.raw`\d\d [A-Z][a-z]{2},? \d\d:\d\d`;
// The countdowns checked below allow for the minutes the set-up takes on a loaded machine: a
// clock due 22 min after it started may show "in 19 min" by the time the page is read.
const stepOf = (journey, step) => journey.events.find((e) => e.step === step && e.decision.decision === "accepted");

test("a thawed Kymriah bag's infusion.end clock is on its board row, due 30 min after complete thaw, before any bedside check", TEST_TIMEOUT, async () => {
  const journey = await ward.coordinator.get(`/api/v1/journeys/${thawed.coi}`);
  assert.equal(stepOf(journey, "infusion.verify"), undefined, "no bedside check is recorded");
  const due = plus(stepOf(journey, "product.thaw_complete").occurred_at, 30);
  const row = rowOf(board, thawed.coi);
  await row.waitFor();
  assert.equal(await board.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone), ZONE);
  const shown = await pcTime(board, due, "board");
  assert.notEqual(shown.slice(-5), utcTime(due), "the PC's local time, not UTC");
  const text = await row.innerText();
  assert.match(text, new RegExp(`Infusion ended due ${shown} \\(◷ in (1\\d|2[0-2]) min \\d\\d s\\)`),
    `the clock with its due time in the PC's time zone (${ZONE}):\n${text}`);
  assert.match(text, /Bag 210001 · thawed/, "the bag and its state");
  assert.doesNotMatch(text, /no time limit/);
  assert.equal(await row.locator("time").getAttribute("datetime"), due);
  await screenshot(board, "board-clocks");
  assert.deepEqual(board.scriptErrors, []);
});

test("the board's countdown runs by itself, without a reload", TEST_TIMEOUT, async () => {
  await board.evaluate(() => { window.notReloaded = true; });
  const countdown = rowOf(board, thawed.coi).locator("[data-due]");
  const first = await countdown.innerText();
  await board.waitForFunction(([coi, text]) =>
    document.querySelector(`#board tr[data-coi="${coi}"] [data-due]`).textContent !== text, [thawed.coi, first], { timeout: 5000 });
  assert.notEqual(await countdown.innerText(), first);
  assert.equal(await board.evaluate(() => window.notReloaded), true, "the page was not reloaded");
});

test("a clock counted from start of thaw says that thaw complete is not recorded", TEST_TIMEOUT, async () => {
  const journey = await ward.coordinator.get(`/api/v1/journeys/${noComplete.coi}`);
  const due = plus(stepOf(journey, "product.thaw").occurred_at, 30);
  const text = await rowOf(board, noComplete.coi).innerText();
  assert.match(text, new RegExp(`Infusion ended due ${await pcTime(board, due, "board")} \\(`));
  assert.match(text, /◌ counted from start of thaw: thaw complete not recorded/);
  assert.match(text, /Bag 210002 · thawing/);
});

test("a clock past its due time says by how much, in words, and the row is marked overdue", TEST_TIMEOUT, async () => {
  const journey = await ward.coordinator.get(`/api/v1/journeys/${late.coi}`);
  const due = plus(stepOf(journey, "product.thaw_complete").occurred_at, 30);
  const row = rowOf(board, late.coi);
  const text = await row.innerText();
  assert.match(text, new RegExp(`Infusion ended due ${await pcTime(board, due, "board")} \\(⚠ OVERDUE by ([6-9]|1\\d) min \\d\\d s\\)`), text);
  assert.match(text, /⚠ OVERDUE/, "the deviations column says it too");
  assert.match(await row.getAttribute("class"), /\boverdue\b/);
  // Most urgent first: the overdue row leads the board.
  assert.equal(await board.locator("#board tbody tr").first().getAttribute("data-coi"), late.coi);
});

test("a journey with no running clock says \"no time limit\"", TEST_TIMEOUT, async () => {
  const text = await rowOf(board, held.coi).innerText();
  assert.match(text, /no time limit/);
  assert.match(text, /Bag 210003 · stored/);
  assert.equal(await rowOf(board, held.coi).locator("[data-due]").count(), 0);
});

test("an Aucatzyl journey's bags show their doses, colours and states; the dose 2 bag its own hold", TEST_TIMEOUT, async () => {
  const row = rowOf(board, split.coi);
  const bags = await row.locator("ul.bags li").allInnerTexts();
  assert.deepEqual(bags, ["Dose 1 · blue · infused", "Dose 1 · orange · infused",
    "Dose 2 · red · stored ‖ HOLD: Dose 2 RfIC under review"]);
  // Dose 2 is due within 11 calendar days of dose 1's infusion: its clock runs.
  const text = await row.innerText();
  assert.match(text, new RegExp(`Infusion started due ${DATE_TIME} \\(in \\d+ d \\d+ h\\)`));
  assert.match(text, /Dose 2 · red/);
  assert.doesNotMatch(text, /ON HOLD:/, "a bag's hold is not the journey's");
  assert.equal(await row.getAttribute("class"), "");
});

test("the board fits a 1024-px ward PC and works with the keyboard", TEST_TIMEOUT, async () => {
  const width = await board.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 1024, `no sideways scrolling at 1024 px (page is ${width} px wide)`);
  await board.reload();
  await rowOf(board, thawed.coi).waitFor();
  await board.keyboard.press("Tab");
  assert.equal(await board.evaluate(() => document.activeElement.textContent), "Skip to the board");
  let focused = "";
  for (let i = 0; i < 20 && focused !== thawed.coi; i++) {
    await board.keyboard.press("Tab");
    focused = await board.evaluate(() => document.activeElement.textContent.trim());
  }
  assert.equal(focused, thawed.coi, "the journey's link is reached with Tab");
});

test("the journey page lists the running clock and the bags", TEST_TIMEOUT, async () => {
  const journey = await ward.coordinator.get(`/api/v1/journeys/${thawed.coi}`);
  const started = stepOf(journey, "product.thaw_complete").occurred_at;
  const due = plus(started, 30);
  await page.goto(`${ward.server.url}/journey.html?coi=${thawed.coi}`);
  const clock = page.locator('#clocks tr[data-step="infusion.end"]');
  await clock.waitFor();
  const cells = await clock.locator("td").allInnerTexts();
  assert.match(cells[0], /infusion\.end/);
  assert.equal(cells[1], "Bag 210001");
  assert.equal(cells[2], "kymriah/thaw-to-infusion-end");
  assert.match(cells[3], new RegExp(`^${await pcTime(page, started)}\\s+thaw complete$`));
  assert.equal(cells[4], await pcTime(page, due));
  assert.match(cells[5], /^◷ in (1\d|2[0-2]) min \d\d s$/);
  assert.match(await page.locator("#expected").innerText(), /Bedside two-person identity check \(wristband \+ bag\) for Bag 210001: no time limit/);
  const bagRow = await page.locator('#bags tr[data-unit="A999926210001/S1194A00"] td').allInnerTexts();
  assert.deepEqual(bagRow, ["Bag 210001", "A999926210001/S1194A00", "—", "—", "thawed", "✔ none"]);
  assert.equal(await page.locator("#hold").isHidden(), true, "not on hold: no hold banner");
  await screenshot(page, "board-journey-clocks", { fullPage: false });
  // The anchor-missing clock says so on its journey's page.
  await page.goto(`${ward.server.url}/journey.html?coi=${noComplete.coi}`);
  await page.locator("#clocks tr").nth(1).waitFor();
  assert.match(await page.locator("#clocks").innerText(),
    /◌ ANCHOR MISSING: counted from start of thaw: thaw complete not recorded/);
  assert.deepEqual(page.scriptErrors, []);
});

test("the Aucatzyl journey page lists every bag with its dose, colour, state and own hold", TEST_TIMEOUT, async () => {
  await page.goto(`${ward.server.url}/journey.html?coi=${split.coi}`);
  await page.locator("#bags tbody tr").nth(2).waitFor();
  const rows = [];
  for (const tr of await page.locator("#bags tbody tr").all()) rows.push((await tr.locator("td").allInnerTexts()).slice(0, 5));
  assert.deepEqual(rows, [
    ["Dose 1 · blue", "A999926210041/S1194A00", "dose 1", "blue", "infused"],
    ["Dose 1 · orange", "A999926210042/S1194A00", "dose 1", "orange", "infused"],
    ["Dose 2 · red", "A999926210043/S1194A00", "dose 2", "red", "stored"],
  ]);
  assert.match(await page.locator('#bags tr[data-unit="A999926210043/S1194A00"]').innerText(), /‖ ON HOLD: Dose 2 RfIC under review\s+since /);
  assert.match(await page.locator('#clocks tr[data-step="infusion.start"]').innerText(), /Dose 2 · red\s+aucatzyl\/day-10-dose/);
  await page.locator("#clocks-heading").evaluate((el) => el.scrollIntoView({ block: "start" }));
  await screenshot(page, "board-journey-bags", { fullPage: false });
  assert.deepEqual(page.scriptErrors, []);
});

test("a journey put on hold shows ON HOLD with its reason on the board and its page; after hold.release it does not", TEST_TIMEOUT, async () => {
  await board.evaluate(() => { window.notReloaded = true; });
  await page.goto(`${ward.server.url}/journey.html?coi=${held.coi}`);
  await page.locator("#bags tbody tr").first().waitFor();
  // The page hears of the hold through its feed: it must be listening before the hold is posted.
  await page.locator(".live[data-state=connected]").waitFor();
  const reason = "Patient febrile: infusion postponed";
  const hold = await ward.record(held.coi, "hold", 0, { operators: ["cora"], data: { reason } });
  const row = rowOf(board, held.coi);
  await row.getByText(`‖ ON HOLD: ${reason}`).waitFor({ timeout: 5000 });
  assert.match(await row.getAttribute("class"), /\bon-hold\b/, "the row is marked, not only its badge");
  assert.match(await row.innerText(), new RegExp(`since ${DATE_TIME}`));
  const banner = page.locator("#hold");
  await banner.getByText(`‖ ON HOLD: ${reason}`).waitFor({ timeout: 5000 });
  const journey = await ward.coordinator.get(`/api/v1/journeys/${held.coi}`);
  assert.equal(journey.status, "on_hold");
  assert.equal(journey.hold.event_id, hold.event_id);
  assert.match(await banner.innerText(), new RegExp(`since ${await pcTime(page, journey.hold.since)} · by cora`));
  assert.match(await page.locator("#facts").innerText(), /Status\s+on hold/);
  assert.match(await page.locator('#bags tbody tr').innerText(), /‖ with the journey/);
  await board.waitForTimeout(2100);  // the row's flash (2 s) is over: the screenshot shows it at rest
  await screenshot(board, "board-hold");
  await screenshot(page, "board-journey-hold", { fullPage: false });

  await ward.record(held.coi, "hold.release", 0, { operators: ["cora"], data: { reason: "Fever resolved, infusion rescheduled" } });
  await board.waitForFunction((coi) => !document.querySelector(`#board tr[data-coi="${coi}"]`).textContent.includes("ON HOLD"),
    held.coi, { timeout: 5000 });
  assert.doesNotMatch(await row.getAttribute("class"), /on-hold/);
  await banner.waitFor({ state: "hidden", timeout: 5000 });
  await page.locator("#facts").getByText("active").waitFor();
  assert.equal(await board.evaluate(() => window.notReloaded), true, "the board was not reloaded");
  assert.deepEqual(board.scriptErrors, []);
  assert.deepEqual(page.scriptErrors, []);
});

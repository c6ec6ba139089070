// The quality figures page (docs/quality.md "Quality figures") in Debian's chromium at a ward
// PC's 1024 px, against a real `celljourney serve` on its own PostgreSQL: QA sees the
// deviations per month and code and the stretches' medians, as tables and charts, downloads
// them as CSV, and the page passes axe-core. Run by ctest (tests/CMakeLists.txt).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { Ward, PASSWORD } from "./lib/ward.mjs";
import { launch, newPage, screenshot, logInThrough } from "./lib/browser.mjs";
import { seriousViolations } from "./lib/axe.mjs";

const TEST_TIMEOUT = { timeout: 60000 };
const WARD_PC = { width: 1024, height: 768 };
let ward, browser, page;
// Two journeys walked to storage (manufacturing receipt to release: one minute each); one more
// whose bag was shipped before it was labelled (an OUT_OF_ORDER deviation, major).
const walked = [
  { mrn: "MRN40001", initials: "Q.A.", din: "A999926400001", shipper: "SHIP-4001", bags: ["A999926410001"] },
  { mrn: "MRN40002", initials: "Q.B.", din: "A999926400002", shipper: "SHIP-4002", bags: ["A999926410002"] },
];
const unlabelled = { mrn: "MRN40003", initials: "Q.C.", din: "A999926400003" };

const watchdog = setTimeout(async () => {
  console.error("quality browser tests: watchdog fired after 5 minutes; stopping");
  if (ward) await ward.close();
  process.exit(1);
}, 300000);
watchdog.unref();

before(async () => {
  ward = await Ward.open();
  for (const p of walked) {
    p.coi = await ward.newProductJourney("kymriah", p, [
      { kind: "apheresis_bag", din: p.din, product_code: "S1194100" },
      { kind: "shipper", id: p.shipper },
      ...p.bags.map((din) => ({ kind: "bag", din, product_code: "S1194A00", expires_at: "2099-12-31" })),
    ]);
    await ward.toStorage(p.coi, p, 5);
  }
  unlabelled.coi = await ward.newJourney(unlabelled.mrn, unlabelled.initials, unlabelled.din);
  await ward.shipUnlabelled(unlabelled.coi, unlabelled);
  browser = await launch();
  page = await newPage(browser, WARD_PC);
  await logInThrough(page, ward.server.url + "/quality.html", "quinn", PASSWORD);
}, { timeout: 120000 });

after(async () => {
  if (browser) await browser.close();
  if (ward) await ward.close();
});

test("the deviations of the period are counted per month, product, site and code", TEST_TIMEOUT, async () => {
  const row = page.locator("#dev-table tbody tr", { hasText: "OUT_OF_ORDER" });
  await row.waitFor();
  const cells = await row.locator("td").allTextContents();
  assert.equal(cells[1], "kymriah");
  assert.equal(cells[2], "ward");
  assert.equal(cells[3], "Deviation");
  assert.equal(cells[5], "major");
  assert.equal(cells[6], "1");
  assert.match(cells[0], /^\d{4}-\d{2}$/);
});

test("the manufacturing stretch shows its median and spread over the walked journeys", TEST_TIMEOUT, async () => {
  const row = page.locator("#dur-table tbody tr", { hasText: "Manufacturing" });
  await row.waitFor();
  const cells = await row.locator("td").allTextContents();
  assert.equal(cells[3], "2", "two journeys were released");
  assert.match(cells[4], /^0\.0 d$/, "one minute from receipt to release, in days");
});

test("both charts are drawn, with a text alternative", TEST_TIMEOUT, async () => {
  for (const id of ["#dev-chart", "#dur-chart"]) {
    const img = page.locator(id);
    await img.waitFor({ state: "visible" });
    await page.waitForFunction((sel) => document.querySelector(sel).naturalWidth > 0, id);
    assert.match(await img.getAttribute("alt"), /table below gives each figure/);
  }
  await screenshot(page, "quality-1024");
});

test("the stretches download as CSV in the measure's unit", TEST_TIMEOUT, async () => {
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#dur-csv")]);
  assert.equal(download.suggestedFilename(), "quality-durations.csv");
  const text = readFileSync(await download.path(), "utf8");
  assert.ok(text.startsWith("measure,unit,product,site,journeys,median,p25,p75,min,max\r\n"), text);
  assert.match(text, /\r\nmanufacturing_turnaround,d,kymriah,ward,2,0\.00,/);
});

test("a period that ends before it starts is refused with the server's reason", TEST_TIMEOUT, async () => {
  await page.fill("#q-from", "2026-06-10");
  await page.fill("#q-until", "2026-06-01");
  await page.click("button[type=submit]");
  await page.locator("#q-error", { hasText: "later than" }).waitFor();
});

test("the page has no serious accessibility violations and fits 1024 px", TEST_TIMEOUT, async () => {
  assert.deepEqual(await seriousViolations(page), []);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow} px wider than the window`);
  assert.deepEqual(page.scriptErrors, []);
});

// The schedule in the browser (docs/schedule.md): a coordinator plans a journey's dates on its
// page, sees the lead time it breaks and the chair it over-books, changes the plan with a
// reason, then reads the site's week (planned, due, slipped, conflict in words and symbols) by
// keyboard at 1024x768 without scrolling sideways; axe-core finds no serious or critical issue.
// Debian's chromium in Europe/Zurich against a real `celljourney serve` (run by ctest).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { Ward, PASSWORD, SITE, minutesAgo } from "./lib/ward.mjs";
import { launch, newPage, screenshot, logInThrough } from "./lib/browser.mjs";
import { seriousViolations } from "./lib/axe.mjs";

const TEST_TIMEOUT = { timeout: 60000 };
const PC = { width: 1024, height: 768, timezoneId: "Europe/Zurich" };
let ward, browser, page, nextMonday;
const planned = { mrn: "MRN30001", initials: "P.L." };  // planned in the page
const booked = { mrn: "MRN30002", initials: "B.K." };   // planned through the API, same chair day
const missed = { mrn: "MRN30003", initials: "M.S." };   // an infusion planned an hour ago, not recorded

const watchdog = setTimeout(async () => {
  console.error("schedule browser tests: watchdog fired after 6 minutes; stopping");
  if (ward) await ward.close();
  process.exit(1);
}, 360000);
watchdog.unref();

/** "2026-12-10" plus days. */
function plusDays(date, days) {
  const t = new Date(date + "T00:00:00Z");
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}

async function noSidewaysScroll(p) {
  return p.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
}

before(async () => {
  ward = await Ward.open();
  await ward.coordinator.put(`/api/v1/sites/${SITE}/capacity`, {
    reason: "one apheresis chair staffed",
    changes: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ resource: "apheresis_chair", weekday, places: 1 })),
  });
  nextMonday = plusDays((await ward.coordinator.get(`/api/v1/sites/${SITE}/week`)).start, 7);
  for (const p of [planned, booked, missed]) p.coi = await ward.newProductJourney("kymriah", p, []);
  const thursday = plusDays(nextMonday, 3);
  await ward.coordinator.put(`/api/v1/journeys/${booked.coi}/plan`,
    { items: [{ kind: "apheresis", start: `${thursday}T08:00:00Z`, end: `${thursday}T10:00:00Z` }] });
  await ward.coordinator.put(`/api/v1/journeys/${missed.coi}/plan`, { items: [{ kind: "infusion", start: minutesAgo(60) }] });
  browser = await launch();
  page = await newPage(browser, PC);
  await logInThrough(page, ward.server.url + "/", "cora", PASSWORD);
}, { timeout: 180000 });

after(async () => {
  if (browser) await browser.close();
  if (ward) await ward.close();
});

test("a coordinator plans the dates on the journey page and sees the broken lead time and the conflict", TEST_TIMEOUT, async () => {
  await page.goto(`${ward.server.url}/journey.html?coi=${planned.coi}`);
  const panel = page.locator("#plan");
  await panel.locator("#plan-form").waitFor();
  const thursday = plusDays(nextMonday, 3), friday = plusDays(nextMonday, 4);
  await panel.getByLabel("Apheresis slot: start").fill(`${thursday}T13:00`);
  await panel.getByLabel("Apheresis slot: end").fill(`${thursday}T16:00`);
  await panel.getByLabel("Manufacturing slot (end: expected release): start").fill(`${friday}T08:00`);
  await panel.getByLabel("Manufacturing slot (end: expected release): end").fill(`${plusDays(friday, 18)}T08:00`);
  await panel.getByLabel("Planned infusion: start").fill(`${plusDays(friday, 40)}T09:00`);
  await panel.getByRole("button", { name: "Save the plan" }).click();
  await panel.locator('[data-code="LEAD_TIME_TOO_SHORT"]').waitFor();
  const flags = await panel.locator("#plan-flags").innerText();
  assert.match(flags, /▲ LEAD_TIME_TOO_SHORT manufacturing: .*planned as 18 d\b.*at least 21 d\b/, flags);
  assert.match(flags, /▲ CONFLICT apheresis on \d{4}-\d\d-\d\d: 2 bookings for 1 apheresis chair place/, flags);
  assert.deepEqual(await seriousViolations(page, "section[aria-labelledby=plan-heading]"), []);
  assert.ok(await noSidewaysScroll(page), "the journey page fits 1024 px");
  await screenshot(page, "journey-plan");

  // A change says why; the panel asks for it and shows the version it made.
  await panel.getByLabel("Manufacturing slot (end: expected release): end").fill(`${plusDays(friday, 25)}T08:00`);
  await panel.getByRole("button", { name: "Save the change" }).click();
  await panel.locator(".error", { hasText: "reason" }).waitFor();
  await panel.getByLabel("Reason for the change (required)").fill("manufacturer confirmed a later release");
  await panel.getByRole("button", { name: "Save the change" }).click();
  await panel.getByText(/Version 2 by cora/).waitFor();
  assert.equal(await panel.locator('[data-code="LEAD_TIME_TOO_SHORT"]').count(), 0, "25 days keeps Kymriah's 21");
  assert.match(await panel.locator("details").innerText(), /Versions \(2\)/);
  assert.deepEqual(page.scriptErrors, []);
});

test("the site's week shows due, planned, slipped and conflicting items in words and symbols, by keyboard", TEST_TIMEOUT, async () => {
  await page.goto(`${ward.server.url}/week.html?site=${SITE}`);
  await page.locator("#days .day").first().waitFor();
  // By keyboard: from "◀ Previous week", Tab to "Next week ▶" and press it.
  await page.locator("#w-prev").focus();
  for (let i = 0; i < 2; i++) await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.id), "w-next");
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: `Week of ${nextMonday} at ${SITE}` }).waitFor();

  const thursday = page.locator(`section.day:has(h3#day-${plusDays(nextMonday, 3)})`);
  const items = thursday.locator("li[data-kind=apheresis]");
  assert.equal(await items.count(), 2);
  for (const text of await items.allInnerTexts()) assert.match(text, /● due ▲ CONFLICT Apheresis/, text);
  assert.match(await thursday.innerText(), /▲ CONFLICT\s*Apheresis chairs: 2 of 1 booked/);
  const saturday = page.locator(`section.day:has(h3#day-${plusDays(nextMonday, 5)})`);
  assert.match(await saturday.locator(`li[data-coi="${planned.coi}"]`).innerText(), /○ planned Manufacturing/);
  const slipped = await page.locator("#slipped").innerText();
  assert.match(slipped, new RegExp(`⚠ SLIPPED Infusion was due .* \\(infusion\\.start not recorded\\) · M\\.S\\. · kymriah · ${missed.coi}`));
  assert.match(await page.locator("#week-zone").innerText(), /Europe\/Zurich/);
  assert.equal(await page.locator("#w-ics").getAttribute("href"), `/api/v1/sites/${SITE}/week.ics?start=${nextMonday}`);

  assert.ok(await noSidewaysScroll(page), "the week fits 1024 px without scrolling sideways");
  assert.deepEqual(await seriousViolations(page), []);
  await screenshot(page, "week");
  await screenshot(page, "week-first-screen", { fullPage: false });
  assert.deepEqual(page.scriptErrors, []);
});

test("the board shows the next planned date where no clock runs", TEST_TIMEOUT, async () => {
  await page.goto(`${ward.server.url}/`);
  const row = page.locator(`#board tbody tr[data-coi="${planned.coi}"]`);
  await row.waitFor();
  // The apheresis is due by its end (16:00); the board comes in that order, after overdue rows.
  assert.match(await row.innerText(), /◷ planned: apheresis · \d\d [A-Z][a-z]{2},? 16:00/);
  assert.ok(await noSidewaysScroll(page));
});

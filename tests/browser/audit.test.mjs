// The audit trail review on the audit page (docs/quality.md "The audit trail review"; 21 CFR
// 11.10(e)), in a real browser at a ward PC's 1024 px: Debian's chromium against a real
// `celljourney serve` on its own PostgreSQL. QA searches every recorded action by person, kind,
// journey and dates, pages on with "More", and takes copies of the same search as CSV and as a
// PDF report ending with the audit verification. Run by ctest (tests/CMakeLists.txt).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { Ward, PASSWORD, minutesAgo } from "./lib/ward.mjs";
import { launch, newPage, screenshot, logInThrough } from "./lib/browser.mjs";
import { seriousViolations } from "./lib/axe.mjs";

const TEST_TIMEOUT = { timeout: 90000 };
const WARD_PC = { width: 1024, height: 768 };
let ward, browser, qa, quinn;  // qa: Quinn's tab, kept open across tests; quinn: Quinn's API
const patients = {
  mp: { mrn: "MRN40001", initials: "M.P.", din: "A999926400001" },
  jd: { mrn: "MRN40002", initials: "J.D.", din: "A999926400002" },
};

const watchdog = setTimeout(async () => {
  console.error("audit browser tests: watchdog fired after 6 minutes; stopping");
  if (ward) await ward.close();
  process.exit(1);
}, 360000);
watchdog.unref();

before(async () => {
  ward = await Ward.open();
  for (const p of Object.values(patients)) p.coi = await ward.newJourney(p.mrn, p.initials, p.din);
  await ward.collect(patients.mp.coi, patients.mp);
  // J.D.'s collection scanned with M.P.'s bag by Ann: refused (a wrong-patient scan).
  await ward.station().sendEvent("/api/v1/scans", {
    journey: patients.jd.coi, step: "apheresis.collect", occurred_at: minutesAgo(1), station: "AP-1", operators: ["ann"],
    scans: ["=" + patients.mp.din + "00", "&#0008" + patients.jd.mrn], data: { volume_ml: 250 }, idempotency_key: randomUUID(),
  }, [422]);
  // Two failed sign-ins: Cora's wrong password, twice.
  for (let i = 0; i < 2; i++) {
    await ward.api().send("POST", "/api/v1/session", { username: "cora", password: "not the password " + i }, [401]);
  }
  quinn = await ward.as("quinn");
  await quinn.post("/api/v1/audit/checkpoints", {});
  browser = await launch();
}, { timeout: 120000 });

after(async () => {
  if (browser) await browser.close();
  if (ward) await ward.close();
});

const rows = () => qa.locator("#trail tbody tr");
const keys = () => qa.$$eval("#trail tbody tr[data-key]", (trs) => trs.map((tr) => tr.dataset.key));

/** Submits the form with the given fields (the others cleared) and waits for its answer. */
async function search({ person = "", coi = "", station = "", from = "", until = "", kinds = [], limit = "100" } = {}) {
  await qa.locator("#trail-from").fill(from);
  await qa.locator("#trail-until").fill(until);
  await qa.locator("#trail-person").fill(person);
  await qa.locator("#trail-coi").fill(coi);
  await qa.locator("#trail-station").fill(station);
  await qa.getByLabel("Rows per page").fill(limit);
  for (const box of await qa.locator("#trail-kinds input[type=checkbox]").all()) {
    await box.setChecked(kinds.includes(await box.getAttribute("value")));
  }
  const answer = qa.waitForResponse((r) => new URL(r.url()).pathname === "/api/v1/audit/trail");
  await qa.locator("#trail-search").getByRole("button", { name: "Search" }).click();
  await answer;
  await qa.waitForFunction(() => !document.getElementById("trail-more").disabled);
}

async function downloaded(linkId) {
  const [download] = await Promise.all([qa.waitForEvent("download"), qa.locator(linkId).click()]);
  return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
}

test("QA searches the trail by person and sees the refused wrong-patient scan marked as a refusal", TEST_TIMEOUT, async () => {
  qa = await newPage(browser, WARD_PC);
  await logInThrough(qa, ward.server.url + "/audit.html", "quinn", PASSWORD);
  await qa.getByText("✔ Intact: every chain verifies.").waitFor();  // the verification still runs first
  await rows().first().waitFor();
  await search({ person: "ann" });
  const refused = qa.locator("#trail tbody tr.refused", { hasText: patients.jd.coi });
  await refused.waitFor();
  const text = await refused.innerText();
  assert.match(text, /✖ REFUSED/, "marked in words, not colour alone");
  assert.match(text, /Refusal/);
  assert.match(text, /apheresis\.\s*collect/);
  assert.match(text, /UNIT_NOT_IN_JOURNEY|WRONG_PATIENT/, "the refusal's code in the summary");
  assert.match(text, /AP-1/, "the station");
  assert.equal(text.includes(patients.jd.mrn), false, "the trail shows COIs, never the MRN");
  // M.P.'s accepted collection by Ann is there, unmarked; nobody else's records are.
  const accepted = qa.locator("#trail tbody tr:not(.refused)", { hasText: patients.mp.coi }).filter({ hasText: "Step recorded" });
  assert.equal(await accepted.count(), 1);
  for (const who of await qa.$$eval("#trail tbody tr", (trs) => trs.map((tr) => tr.cells[3].innerText))) {
    assert.ok(who === "ann" || who.startsWith("station:") || who === "admin", `a record of ann's: ${who}`);
  }
  // The time in the PC's clock, the UTC instant in its title.
  const when = refused.locator("time");
  assert.match(await when.getAttribute("title"), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z$/);
  assert.match(qa.url(), /person=ann/, "the search is in the address");
  for (const name of ["When", "Kind", "Action", "Who", "Station", "Journey (COI)", "Summary"]) {
    assert.ok(await qa.locator("#trail").getByRole("columnheader", { name, exact: true }).isVisible(), name);
  }
  assert.ok(await qa.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1),
    "no horizontal scrolling at 1024 px");
  await screenshot(qa, "audit-trail-person");
  assert.deepEqual(qa.scriptErrors, []);
});

test("clicking a journey's COI shows every record of that journey", TEST_TIMEOUT, async () => {
  const answer = qa.waitForResponse((r) => new URL(r.url()).pathname === "/api/v1/audit/trail");
  await qa.locator("#trail tbody tr.refused").getByRole("button", { name: patients.jd.coi }).click();
  await answer;
  await qa.waitForFunction(() => !document.getElementById("trail-more").disabled);
  assert.equal(await qa.locator("#trail-coi").inputValue(), patients.jd.coi);
  assert.equal(await qa.locator("#trail-person").inputValue(), "", "every person's records of the journey");
  const cois = await qa.$$eval("#trail tbody tr", (trs) => trs.map((tr) => tr.cells[5].innerText));
  assert.ok(cois.length >= 2, "the journey's order and its refused collection");
  assert.deepEqual([...new Set(cois)], [patients.jd.coi]);
  assert.match(await qa.locator("#trail-count").innerText(), new RegExp(`journey ${patients.jd.coi}`));
});

test("filtering by kind sign_in shows the failed sign-in attempts, marked as failed", TEST_TIMEOUT, async () => {
  await search({ kinds: ["sign_in"] });
  const kinds = await qa.$$eval("#trail tbody tr", (trs) => trs.map((tr) => tr.cells[1].innerText));
  assert.ok(kinds.length > 0);
  for (const k of kinds) assert.match(k, /Sign-in$/);
  const failed = qa.locator("#trail tbody tr.refused", { hasText: "login_failed" });
  assert.equal(await failed.count(), 2, "both of Cora's failed attempts");
  for (const text of await failed.allInnerTexts()) {
    assert.match(text, /✖ FAILED/);
    assert.match(text, /cora/);
  }
  assert.match(await qa.locator("#trail-count").innerText(), /kind sign_in/);
  assert.match(await qa.locator("#trail-csv").getAttribute("href"), /^\/api\/v1\/audit\/trail\.csv\?kind=sign_in$/);
  await screenshot(qa, "audit-trail-sign-in");
});

test("the audit page has no serious axe-core violations, with results, marked rows and an error shown", TEST_TIMEOUT, async () => {
  assert.ok(await qa.locator("#trail tbody tr.refused").count() > 0, "marked rows in view");
  assert.deepEqual(await seriousViolations(qa), [], "axe-core on the audit page with results");
  await qa.locator("#trail-from").fill("2026-12-05");
  await qa.locator("#trail-until").fill("2026-12-01");
  await qa.locator("#trail-search").getByRole("button", { name: "Search" }).click();
  await qa.locator("#trail-error", { hasText: /later than/ }).waitFor();
  assert.deepEqual(await seriousViolations(qa), [], "axe-core with the error shown");
});

test("the CSV download holds exactly the searched rows, with its header line", TEST_TIMEOUT, async () => {
  await search({ person: "ann" });
  assert.equal(await qa.locator("#trail-more").isHidden(), true, "every row of the search is shown");
  const shown = await keys();
  const { name, bytes } = await downloaded("#trail-csv");
  assert.match(name, /^audit-trail-.*\.csv$/);
  const lines = bytes.toString("utf8").split("\r\n").filter((l) => l !== "");
  assert.equal(lines[0], "at,kind,action,actor,station,coi,summary,source,id");
  const inCsv = lines.slice(1).map((l) => { const cells = l.split(","); return cells.slice(-2).join(":"); });
  assert.deepEqual(inCsv, shown, "the same rows in the same order");
  assert.ok(lines.some((l) => l.includes(",refusal,apheresis.collect,ann,AP-1," + patients.jd.coi + ",")));
  await qa.locator("#trail-notice", { hasText: /Downloaded audit-trail-.*\.csv \(SHA-256 [0-9a-f]{16}…\)/ }).waitFor();
  // The copy is itself recorded, as an export.
  const exports = await quinn.get("/api/v1/audit/trail?kind=export&person=quinn");
  assert.equal(exports.entries[0].action, "export.audit_csv");
  assert.match(JSON.stringify(exports.entries[0].details), /person ann/);
});

test("the PDF download is a PDF ending with the audit verification: INTACT, and the latest checkpoint", TEST_TIMEOUT, async () => {
  const { name, bytes } = await downloaded("#trail-pdf");
  assert.match(name, /^audit-trail-.*\.pdf$/);
  assert.equal(bytes.subarray(0, 4).toString("latin1"), "%PDF");
  const text = execFileSync("pdftotext", ["-layout", "-", "-"], { input: bytes }).toString("utf8");
  assert.match(text, /Audit verification/);
  assert.match(text, /INTACT/);
  assert.match(text, /Latest signed checkpoint: checkpoint \d+/);
  assert.match(text, /person ann/, "the search at its head");
  assert.ok(text.includes(patients.jd.coi), "the refused scan's journey among its rows");
  assert.deepEqual(qa.scriptErrors, []);
});

test("a search the server refuses shows its message in an alert, naming the field", TEST_TIMEOUT, async () => {
  await qa.locator("#trail-from").fill("2026-12-05");
  await qa.locator("#trail-until").fill("2026-12-01");
  await qa.locator("#trail-search").getByRole("button", { name: "Search" }).click();
  await qa.locator("#trail-error", { hasText: "?until must be later than ?from." }).waitFor();
  assert.equal(await qa.locator("#trail-error").getAttribute("role"), "alert");
  assert.equal(await qa.locator("#trail-until").getAttribute("aria-invalid"), "true");
  // The API names the field too.
  const bad = await quinn.send("GET", "/api/v1/audit/trail?kind=event,nonsense", undefined, [400]);
  assert.equal(bad.body.error.field, "kind");
  // A day range: from and until (inclusive), both the local day the refusal was recorded on, find it.
  const at = new Date((await quinn.get("/api/v1/audit/trail?kind=refusal")).entries[0].at);
  const day = `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, "0")}-${String(at.getDate()).padStart(2, "0")}`;
  await search({ person: "ann", from: day, until: day });
  assert.match(await qa.locator("#trail-count").innerText(), /person ann; from \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ; until /);
  assert.equal(await qa.locator("#trail-error").innerText(), "");
  await qa.locator("#trail tbody tr.refused", { hasText: patients.jd.coi }).waitFor();
  await qa.locator("#trail-search").getByRole("button", { name: "Clear" }).click();
  await qa.waitForFunction(() => !location.search);
});

test("paging with More appends the next records without duplicates, in the server's order", TEST_TIMEOUT, async () => {
  const all = (await quinn.get("/api/v1/audit/trail?limit=500")).entries.map((e) => `${e.source}:${e.id}`);
  assert.ok(all.length > 15, `more records than three pages of 5 (${all.length})`);
  assert.equal(new Set(all).size, all.length, "no record twice in one page");
  await search({ limit: "5" });
  assert.equal(await rows().count(), 5);
  for (let page = 2; page <= 3; page++) {
    await qa.locator("#trail-more").click();
    await qa.waitForFunction((n) => document.querySelectorAll("#trail tbody tr").length === n, page * 5);
  }
  const shown = await keys();
  assert.equal(new Set(shown).size, 15, "no duplicates");
  assert.deepEqual(shown, all.slice(0, 15), "the pages follow on from each other");
  assert.match(await qa.locator("#trail-count").innerText(), /^15 records shown, more to load/);
  // Through the API, cursors from small pages walk the whole trail, each record once.
  const walked = [];
  for (let after = null, n = 0; n < 200; n++) {
    const page = await quinn.get("/api/v1/audit/trail?limit=3" + (after ? "&after=" + encodeURIComponent(after) : ""));
    walked.push(...page.entries.map((e) => `${e.source}:${e.id}`));
    if (!page.next) break;
    after = page.next;
  }
  assert.deepEqual(walked, all.slice(0, walked.length));
  assert.equal(walked.length, all.length);
  await screenshot(qa, "audit-trail-paged");
  assert.deepEqual(qa.scriptErrors, []);
});

// Debian's chromium, headless, driven by playwright-core; screenshots into the build folder.
import { mkdirSync } from "node:fs";
import { join } from "node:path";

export const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR || new URL("../../../build/browser-screenshots", import.meta.url).pathname;

export async function launch() {
  let chromium;
  try {
    ({ chromium } = await import("playwright-core"));
  } catch (e) {
    throw new Error(`playwright-core is not installed (${e.code}): run scripts/test, or: cd tests/browser && npm ci`);
  }
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox"],
  });
}

/** A new tab of a fresh browser context (its own sessionStorage: a fresh login); a 1024-px
 *  viewport is a coordinator's ward PC; timezoneId (e.g. "Europe/Zurich") is the PC's zone,
 *  the machine's when not given. */
export async function newPage(browser, { width = 1400, height = 900, timezoneId } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, ...(timezoneId ? { timezoneId } : {}) });
  const page = await context.newPage();
  page.setDefaultTimeout(10000);
  // Uncaught script errors, for tests to assert there were none. (Console errors are not: a
  // refused login or a WebSocket to a stopped server is logged there, as it should be.)
  page.scriptErrors = [];
  page.on("pageerror", (e) => page.scriptErrors.push(e.message));
  return page;
}

/** The whole page, or with {fullPage: false} what the window shows (as a person sees it first). */
export async function screenshot(page, name, { fullPage = true } = {}) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage });
}

/** Opens url (behind the login), fills the login form it is sent to, and waits to be back. */
export async function logInThrough(page, url, username, password) {
  await page.goto(url);
  await page.waitForURL(/\/login\.html\?next=/);
  await page.getByLabel("User name").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL((u) => !u.pathname.endsWith("/login.html"));
}

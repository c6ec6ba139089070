// A journey's temperature evidence (docs/coldchain.md): the curve the server draws
// (GET /api/v1/journeys/{coi}/temperature.png) beside what it shows in words
// (GET /api/v1/journeys/{coi}/temperature): each logger's range and limits, every excursion and
// every gap, so that the red and grey of the picture are never the only signal.
// An <img src> cannot send the session's Bearer token: the PNG is fetched with it and shown
// through a blob: URL (the pages' CSP allows img-src blob:).
import { get, api } from "./api.js";
import { h, fill } from "./dom.js";
import { clockTime, duration } from "./time_text.js";

const WIDTH = 900, HEIGHT = 360;
let shownCurve = null;  // what the shown PNG was drawn from: redrawn only when the evidence changes
let curveUrl = null;

const celsius = (c) => (c == null ? "—" : `${c.toFixed(1)} °C`);

function limitsText(l) {
  const parts = [];
  if (l.min_c != null) parts.push(`≥ ${celsius(l.min_c)}`);
  if (l.max_c != null) parts.push(`≤ ${celsius(l.max_c)}`);
  if (!parts.length) return "no limit set";
  return parts.join(" and ") + (l.rule ? ` (rule ${l.rule})` : "");
}

function excursionItem(logger, e) {
  const limit = e.above ? `above ${celsius(logger.limits.max_c)}` : `below ${celsius(logger.limits.min_c)}`;
  return h("li", { class: "excursion" },
    h("span", { class: "badge bad" }, "▲ EXCURSION"),
    ` ${e.readings} reading${e.readings === 1 ? "" : "s"} ${limit} (min ${celsius(e.min_c)}, max ${celsius(e.max_c)}) `,
    `for ${duration(e.duration_s * 1000)}, from ${clockTime(e.from)} to ${clockTime(e.to)}`,
    e.ongoing ? " — still out of range at the last reading" : "");
}

function gapItem(g) {
  return h("li", { class: "gap" }, h("span", { class: "badge warn" }, "◌ NO READINGS"),
    ` for ${duration(g.length_s * 1000)}, from ${clockTime(g.from)} to ${clockTime(g.to)}`);
}

function loggerText(l) {
  const where = l.place ? ` (${l.kind} ${l.place})` : ` (${l.kind})`;
  const findings = [...l.excursions.map((e) => excursionItem(l, e)), ...l.gaps.map(gapItem)];
  return h("div", { class: "logger" },
    h("h3", {}, "Logger ", h("span", { class: "mono" }, l.logger), where),
    h("p", {}, `${l.readings.length} readings every ${duration(l.interval_s * 1000)}, ${clockTime(l.readings[0].at)} to `,
      `${clockTime(l.readings[l.readings.length - 1].at)}; range ${celsius(l.min_c)} to ${celsius(l.max_c)}; limit ${limitsText(l.limits)}.`),
    findings.length ? h("ul", { class: "findings" }, findings)
      : h("p", {}, h("span", { class: "badge ok" }, "✔ within limits, no gaps")));
}

function altText(loggers) {
  const n = loggers.reduce((s, l) => s + l.excursions.length, 0);
  return `Temperature curve of ${loggers.length} logger${loggers.length === 1 ? "" : "s"}` +
    (n ? `, with ${n} excursion${n === 1 ? "" : "s"} shaded red` : ", within limits") + " (details beside it).";
}

async function showCurve(coi, loggers, holder, key) {
  try {
    const res = await api("GET", `/api/v1/journeys/${encodeURIComponent(coi)}/temperature.png?width=${WIDTH}&height=${HEIGHT}`,
      undefined, { raw: true });
    const url = URL.createObjectURL(await res.blob());
    if (curveUrl) URL.revokeObjectURL(curveUrl);
    curveUrl = url;
    shownCurve = key;
    fill(holder, h("img", { id: "temperature-curve", class: "curve", src: url, width: WIDTH, height: HEIGHT, alt: altText(loggers) }));
  } catch (e) {
    fill(holder, h("p", { class: "error" }, "The curve cannot be shown: " + e.message));
  }
}

/** Fills section (hidden while the journey has no readings) with the journey's temperature evidence. */
export async function showTemperature(coi, section) {
  let evidence;
  try {
    evidence = await get(`/api/v1/journeys/${encodeURIComponent(coi)}/temperature`);
  } catch (e) {
    section.hidden = false;
    section.dataset.state = "error";
    fill(section.querySelector(".body"), h("p", { class: "error" }, e.message));
    return;
  }
  const loggers = (evidence.loggers || []).filter((l) => l.readings.length > 0);
  section.hidden = loggers.length === 0;
  section.dataset.state = section.hidden ? "none" : "shown";  // for the browser tests to wait on
  if (section.hidden) return;
  const key = JSON.stringify(loggers.map((l) => [l.logger, l.readings.length, l.excursions, l.gaps, l.limits]));
  const body = section.querySelector(".body");
  let curve = body.querySelector(".curve-holder");
  if (!curve || key !== shownCurve) {
    curve = h("div", { class: "curve-holder" });
    fill(body, h("div", { class: "temperature" }, curve,
      h("div", { class: "temperature-text" },
        evidence.evaluated === false ? h("p", { class: "error" }, "Not evaluated: " + (evidence.problem || "")) : null,
        loggers.map(loggerText))));
    await showCurve(coi, loggers, curve, key);
  }
}

// Times as the ward reads them: durations in words, countdowns to deadlines, clock times in the
// site's time zone.
// Deadlines count against the server's clock: clockOffset() is learnt from each answer's "now".
let offsetMs = 0;

/** Records the server's now (an ISO time) so that countdowns follow its clock, not the PC's. */
export function learnServerNow(iso) {
  const t = Date.parse(iso);
  if (!Number.isNaN(t)) offsetMs = t - Date.now();
}

export function serverNow() { return Date.now() + offsetMs; }

/** "2 d 3 h", "3 h 05 min", "4 min 09 s", "12 s". */
export function duration(ms) {
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86400), hh = Math.floor((s % 86400) / 3600), mm = Math.floor((s % 3600) / 60), ss = s % 60;
  const two = (n) => String(n).padStart(2, "0");
  if (d > 0) return `${d} d ${hh} h`;
  if (hh > 0) return `${hh} h ${two(mm)} min`;
  if (mm > 0) return `${mm} min ${two(ss)} s`;
  return `${ss} s`;
}

/** {text, state} for a deadline: state "overdue", "soon" (within the hour) or "later". */
export function countdown(dueIso) {
  const left = Date.parse(dueIso) - serverNow();
  if (left < 0) return { text: `OVERDUE by ${duration(-left)}`, state: "overdue" };
  return { text: `in ${duration(left)}`, state: left < 3600 * 1000 ? "soon" : "later" };
}

// The zone the page shows times in: the site's (setDisplayZone, from GET /api/v1/sites), else
// the PC's. A ward PC set to another zone than its hospital's still shows the hospital's times.
const PC_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;
let displayZone = null;

/** Shows every time from now on in `zone` (an IANA name); null: the PC's zone. */
export function setDisplayZone(zone) {
  try {
    displayZone = zone ? new Intl.DateTimeFormat("en-GB", { timeZone: zone }).resolvedOptions().timeZone : null;
  } catch {
    displayZone = null;  // a zone this browser does not know: the PC's, rather than nothing
  }
}

function zoneOf(zone) { return zone || displayZone || PC_ZONE; }

/** The zone times are shown (and typed) in: zone, else the page's (setDisplayZone), else the PC's. */
export function zoneName(zone) { return zoneOf(zone); }

// Making an Intl.DateTimeFormat costs far more than using one (a board of 200 rows formats
// about a thousand times): one per zone and set of options, kept.
const FORMATS = new Map();
function format(zone, options) {
  const key = zone + JSON.stringify(options);
  let f = FORMATS.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", { timeZone: zone, ...options });
    FORMATS.set(key, f);
  }
  return f;
}

function parts(t, zone, options) {
  const out = {};
  for (const p of format(zone, options).formatToParts(t)) out[p.type] = p.value;
  return out;
}

// The zone's short name ("CET", "GMT+1") when it is not the PC's own: then the reader knows
// whose clock the time is on.
function zoneSuffix(t, zone) {
  if (zone === PC_ZONE) return "";
  return " " + parts(t, zone, { timeZoneName: "short" }).timeZoneName;
}

/** "25 Nov, 14:05" in the site's (or the PC's) time zone; "25 Nov 2025, 14:05" when that is not
 *  this year; the zone's name after it when it is not the PC's. */
export function clockTime(iso, zone) {
  if (!iso) return "—";
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  const z = zoneOf(zone);
  const p = parts(t, z, { year: "numeric", day: "2-digit", month: "short", hour: "2-digit", minute: "2-digit",
    hourCycle: "h23" });
  const thisYear = parts(new Date(serverNow()), z, { year: "numeric" }).year;
  const year = p.year === thisYear ? "" : " " + p.year;
  return `${p.day} ${p.month}${year}, ${p.hour}:${p.minute}${zoneSuffix(t, z)}`;
}

/** "25 Nov 2026" (a date alone; the year always, as on a form). */
export function calendarDate(iso, zone) {
  if (!iso) return "—";
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  const p = parts(t, zoneOf(zone), { year: "numeric", day: "2-digit", month: "short" });
  return `${p.day} ${p.month} ${p.year}`;
}

/** Calls tick() every second, on a shared timer. */
const ticks = new Set();
export function everySecond(tick) {
  ticks.add(tick);
  if (ticks.size === 1) setInterval(() => ticks.forEach((f) => f()), 1000);
}

/** "10:30" when it is today in the site's (or the PC's) time zone, by the server's clock, else
 *  as clockTime(): "26 Nov 10:30". For the board, where most clocks run out today. */
export function shortTime(iso, zone) {
  if (!iso) return "—";
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  const z = zoneOf(zone);
  const day = (d) => { const p = parts(d, z, { year: "numeric", month: "2-digit", day: "2-digit" }); return `${p.year}-${p.month}-${p.day}`; };
  if (day(t) !== day(new Date(serverNow()))) return clockTime(iso, zone);
  const p = parts(t, z, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  return `${p.hour}:${p.minute}${zoneSuffix(t, z)}`;
}

const WALL = { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" };

/** "2026-12-07T09:00": the zone's wall clock at the instant iso, for <input type="datetime-local">
 *  (a form where the site's times are typed); "" for none. */
export function wallClock(iso, zone) {
  if (!iso) return "";
  const p = parts(new Date(iso), zoneOf(zone), WALL);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** The instant (ISO, UTC) at which the zone's wall clock reads wall ("2026-12-07T09:00"), or
 *  null when wall is not a date and time. A time the zone skips (the hour clocks go forward)
 *  comes out as the wall clock would then read it, an hour later; a time it shows twice (the hour
 *  clocks go back) is the first of the two. */
export function instantOf(wall, zone) {
  const asUtc = /^\d{4}-\d\d-\d\dT\d\d:\d\d$/.test(wall || "") ? Date.parse(wall + ":00Z") : NaN;
  if (Number.isNaN(asUtc) || new Date(asUtc).toISOString().slice(0, 16) !== wall) return null;
  const offset = (t) => Date.parse(wallClock(new Date(t).toISOString(), zone) + ":00Z") - Math.floor(t / 60000) * 60000;
  const HALF_DAY = 12 * 3600000;  // no zone changes its offset twice within a day
  const before = asUtc - offset(asUtc - HALF_DAY), after = asUtc - offset(asUtc + HALF_DAY);
  const reads = [before, after].filter((t) => wallClock(new Date(t).toISOString(), zone) === wall);
  return new Date(reads.length ? Math.min(...reads) : before).toISOString();
}

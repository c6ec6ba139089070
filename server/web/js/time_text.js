// Times as the ward reads them: durations in words, countdowns to deadlines, local clock times.
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

/** "25 Nov 14:05" in the PC's time zone, with the full ISO time for a title. */
export function clockTime(iso) {
  if (!iso) return "—";
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  return t.toLocaleString("en-GB", { day: "2-digit", month: "short", hour: "2-digit", minute: "2-digit" });
}

/** Calls tick() every second, on a shared timer. */
const ticks = new Set();
export function everySecond(tick) {
  ticks.add(tick);
  if (ticks.size === 1) setInterval(() => ticks.forEach((f) => f()), 1000);
}

/** "10:30" when it is today in the PC's time zone (by the server's clock), else as
 *  clockTime(): "26 Nov 10:30". For the board, where most clocks run out today. */
export function shortTime(iso) {
  if (!iso) return "—";
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  if (t.toDateString() !== new Date(serverNow()).toDateString()) return clockTime(iso);
  return t.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
}

// The login, kept in this tab's sessionStorage and sent as "Authorization: Bearer".
//
// Why not a cookie: a bearer token is never sent by the browser on its own, so another site
// cannot make a logged-in ward PC post anything (no CSRF to defend against), and it dies with
// the last tab on a shared PC. The pages render data with textContent only and the server's CSP
// allows scripts from this server alone, which is what keeps the token from other scripts.
//
// A journey opened in a new tab (ctrl-click, "open in new tab") starts with an empty
// sessionStorage. Rather than asking for a second login, the new tab asks the tabs already open
// on this server (a BroadcastChannel: same origin only) and takes the session from the first
// that answers. The session is the same one on the server, so its idle timeout and its end
// apply to every tab; logging out in one tab sends the others to the login page.
const KEY = "celljourney.session";
const ASK_TIMEOUT_MS = 300;  // an open tab answers in a few ms; a PC with none waits this long

const channel = typeof BroadcastChannel === "function" ? new BroadcastChannel("celljourney.session") : null;

function stored() {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return null;
  try {
    const session = JSON.parse(raw);
    if (Date.parse(session.expires_at) <= Date.now()) {
      sessionStorage.removeItem(KEY);
      return null;
    }
    return session;
  } catch {
    sessionStorage.removeItem(KEY);
    return null;
  }
}

/** {token, expires_at, user: {username, display_name, roles: [{site, role}]}} or null. */
export function currentSession() { return stored(); }

export function saveSession(session) { sessionStorage.setItem(KEY, JSON.stringify(session)); }

/** Forgets the session in this tab and in every other tab of this server. */
export function forgetSession() {
  sessionStorage.removeItem(KEY);
  if (channel) channel.postMessage({ type: "ended" });
}

/** Sends the browser to the login page, to come back here afterwards. */
export function goToLogin() {
  const here = location.pathname + location.search;
  location.assign("/login.html?next=" + encodeURIComponent(here));
}

/** The session, or (when there is none) a trip to the login page. */
export function requireSession() {
  const session = stored();
  if (!session) goToLogin();
  return session;
}

/** Whether the user holds role at some site (or at site, when given). */
export function hasRole(session, role, site) {
  return session.user.roles.some((r) => r.role === role && (!site || r.site === site));
}

if (channel) {
  channel.addEventListener("message", (e) => {
    const message = e.data || {};
    if (message.type === "ask") {
      const session = stored();
      if (session) channel.postMessage({ type: "session", session });
    } else if (message.type === "ended" && sessionStorage.getItem(KEY)) {
      sessionStorage.removeItem(KEY);
      if (!location.pathname.startsWith("/login.html")) goToLogin();
    }
  });
}

// A tab without a session asks the open tabs once, before any page script runs: this module's
// top-level await holds back every module that imports it until the answer (or the timeout).
async function adoptFromAnotherTab() {
  // The login page asks nobody: whoever is there is about to sign in (and must not wait).
  if (!channel || stored() || location.pathname.startsWith("/login.html")) return;
  const answer = await new Promise((resolve) => {
    const timer = setTimeout(() => { channel.removeEventListener("message", onAnswer); resolve(null); }, ASK_TIMEOUT_MS);
    function onAnswer(e) {
      const message = e.data || {};
      if (message.type !== "session" || !message.session || !message.session.token) return;
      clearTimeout(timer);
      channel.removeEventListener("message", onAnswer);
      resolve(message.session);
    }
    channel.addEventListener("message", onAnswer);
    channel.postMessage({ type: "ask" });
  });
  if (answer && Date.parse(answer.expires_at) > Date.now()) saveSession(answer);
}

await adoptFromAnotherTab();

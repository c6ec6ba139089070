// The login, kept in this tab's sessionStorage and sent as "Authorization: Bearer".
//
// Why not a cookie: a bearer token is never sent by the browser on its own, so another site
// cannot make a logged-in ward PC post anything (no CSRF to defend against), and it dies with
// the tab on a shared PC. The pages render data with textContent only and the server's CSP
// allows scripts from this server alone, which is what keeps the token from other scripts.
const KEY = "celljourney.session";

/** {token, expires_at, user: {username, display_name, roles: [{site, role}]}} or null. */
export function currentSession() {
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

export function saveSession(session) { sessionStorage.setItem(KEY, JSON.stringify(session)); }
export function forgetSession() { sessionStorage.removeItem(KEY); }

/** Sends the browser to the login page, to come back here afterwards. */
export function goToLogin() {
  const here = location.pathname + location.search;
  location.assign("/login.html?next=" + encodeURIComponent(here));
}

/** The session, or (when there is none) a trip to the login page. */
export function requireSession() {
  const session = currentSession();
  if (!session) goToLogin();
  return session;
}

/** Whether the user holds role at some site (or at site, when given). */
export function hasRole(session, role, site) {
  return session.user.roles.some((r) => r.role === role && (!site || r.site === site));
}

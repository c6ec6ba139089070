// The bar at the top of every page behind the login: where you are, who you are, log out, and
// whether the live feed is connected.
import { h } from "./dom.js";
import { api } from "./api.js";
import { forgetSession } from "./session.js";

const PAGES = [
  ["/", "Board"],
  ["/enrol.html", "New journey"],
  ["/week.html", "Week"],
  ["/deviations.html", "Deviations"],
  ["/audit.html", "Audit"],
];

/** Fills <header class="top"> and returns the live-status element. */
export function pageHeader(session, current) {
  const live = h("span", { class: "live", role: "status", "data-state": "reconnecting" }, "Connecting…");
  const logout = h("button", { type: "button", class: "secondary", onclick: async () => {
    try { await api("DELETE", "/api/v1/session"); } catch { /* the session ends here either way */ }
    forgetSession();
    location.assign("/login.html");
  } }, "Log out");
  const roles = session.user.roles.map((r) => `${r.role}@${r.site}`).join(", ");
  document.querySelector("header.top").replaceChildren(
    h("span", { class: "brand" }, "CellJourney"),
    h("nav", { "aria-label": "Pages" },
      PAGES.map(([href, name]) => h("a", { href, "aria-current": href === current ? "page" : null }, name))),
    live,
    h("span", { class: "who" }, `${session.user.display_name} (${roles})`),
    logout);
  return live;
}

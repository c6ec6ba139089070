// What the pages know of the user's sites (GET /api/v1/sites: name, time zone) and of the
// products they may see (the titles from GET /api/v1/sites/{code}/rules): loaded once a page.
import { get } from "./api.js";

const SITES = new Map();     // code -> {code, name, fin, time_zone, ...}
const TITLES = new Map();    // product id -> "Kymriah (tisagenlecleucel)"

/** Loads the user's sites once; resolves to the map by code (empty when the server refuses). */
export async function loadSites() {
  if (SITES.size === 0) {
    try {
      for (const site of (await get("/api/v1/sites")).sites) SITES.set(site.code, site);
    } catch { /* the pages then show times in the PC's zone and codes for names */ }
  }
  return SITES;
}

/** The site's IANA time zone, or null when it is not known here. */
export function siteZone(code) {
  const site = SITES.get(code);
  return site && site.time_zone ? site.time_zone : null;
}

/** The one zone of all the user's sites, or null when they differ (or none is known). */
export function commonZone() {
  const zones = new Set([...SITES.values()].map((s) => s.time_zone).filter(Boolean));
  return zones.size === 1 ? [...zones][0] : null;
}

/** Records product titles from a rules answer's "titles" object. */
export function learnProductTitles(titles) {
  for (const [product, title] of Object.entries(titles || {})) TITLES.set(product, title);
}

/** "Kymriah (tisagenlecleucel)" for "kymriah"; the id itself when no title is known. */
export function productTitle(product) { return TITLES.get(product) || product || "—"; }

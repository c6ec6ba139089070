// A page's first API calls, sent while its modules load. index.html loads this classic script
// (it imports nothing) before its module graph: at 10,000 journeys the graph took as long as
// the calls, and the board sent them only once it had loaded (docs/board.md, page figures). Now
// both run side by side. board.js asks for the same paths through api.js's get(), which takes
// the answers already on their way (takeEarlyCall) instead of asking again.
//
// Only with a session in this tab (session.js's key and shape); a tab without one asks the open
// tabs first (session.js), and its calls leave afterwards, as before.
(function () {
  var session = null;
  try {
    session = JSON.parse(sessionStorage.getItem("celljourney.session"));
  } catch (e) {
    return;
  }
  if (!session || !session.token || !(Date.parse(session.expires_at) > Date.now())) return;
  var calls = new Map();
  var headers = { Authorization: "Bearer " + session.token };
  function call(path) {
    var answer = fetch(path, { headers: headers });
    answer.catch(function () {});  // the page's get() reports a failure, if it takes this call
    calls.set(path, answer);
  }

  // The board's first page, with the filters from the address, as board.js builds its URL.
  var query = new URLSearchParams(location.search);
  var filters = new URLSearchParams();
  ["site", "product", "stage", "overdue"].forEach(function (name) {
    if (query.get(name)) filters.set(name, query.get(name));
  });
  filters.set("limit", "200");
  call("/api/v1/board?" + filters.toString());
  call("/api/v1/journey-model");
  call("/api/v1/sites");
  call("/api/v1/forms");
  var sites = Array.from(new Set((session.user && session.user.roles || []).map(function (r) { return r.site; }))).sort();
  sites.forEach(function (s) { call("/api/v1/sites/" + encodeURIComponent(s) + "/rules"); });
  globalThis.celljourneyEarlyCalls = calls;
})();

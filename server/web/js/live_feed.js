// The live feed (/api/v1/feed, a WebSocket): every change at the user's sites as one JSON
// message. The browser cannot set headers on a WebSocket, so the token goes as ?token= (the
// server accepts it there: server/feed/feed_access.cpp).
//
// When the connection drops (server restart, network), it reconnects by itself: after 0.5 s,
// then doubling up to 10 s, with jitter so a ward of PCs does not reconnect in step. Changes
// made while it was away are not replayed, so after every reconnection onResync() runs (the
// page fetches what it shows again), as it does on {"type": "resync"}.
import { currentSession } from "./session.js";

const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 10000;

export class LiveFeed {
  /** onMessage(notice) for each change; onResync() when the page must re-fetch. */
  constructor({ onMessage, onResync, statusElement }) {
    this.onMessage = onMessage;
    this.onResync = onResync;
    this.status = statusElement;
    this.delay = FIRST_DELAY_MS;
    this.everConnected = false;
    this.connect();
  }

  connect() {
    const session = currentSession();
    if (!session) return;
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    const ws = new WebSocket(`${scheme}//${location.host}/api/v1/feed?token=${encodeURIComponent(session.token)}`);
    this.ws = ws;
    ws.addEventListener("open", () => {
      this.delay = FIRST_DELAY_MS;
      this.show("connected", "Live");
      if (this.everConnected) this.onResync();
      this.everConnected = true;
    });
    ws.addEventListener("message", (e) => {
      let notice;
      try { notice = JSON.parse(e.data); } catch { return; }
      if (notice.type === "resync") this.onResync();
      else if (notice.type !== "hello") this.onMessage(notice);
    });
    ws.addEventListener("close", () => this.retry());
  }

  retry() {
    this.show("reconnecting", "Reconnecting…");
    const wait = this.delay * (0.75 + Math.random() * 0.5);
    this.delay = Math.min(this.delay * 2, MAX_DELAY_MS);
    setTimeout(() => this.connect(), wait);
  }

  show(state, text) {
    if (!this.status) return;
    this.status.dataset.state = state;
    this.status.textContent = text;
    this.status.title = state === "connected" ? "Updates arrive as they happen" : "The live feed is down; retrying";
  }
}

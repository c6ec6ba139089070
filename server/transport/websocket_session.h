// One live-feed subscriber over WebSocket (ws, or wss over TLS): receives every change of the
// sites it may see, as one JSON text message each. What the client sends is read only to notice
// that it closed. Internal to server/transport: the HTTP session hands its stream over.
#pragma once

#include <cstdint>
#include <vector>

#include "server/feed/feed_hub.h"
#include "server/transport/connection_limits.h"
#include "server/transport/streams.h"
#include "server/transport/wire.h"

namespace cj::transport {

/// Completes the upgrade that req asked for on stream, then joins the hub for site_ids as owner's
/// feed. slot (the HTTP connection's, under the listener's limits) is held until the socket closes.
void start_feed_session(PlainStream&& stream, feed::FeedHub& hub, std::vector<std::int64_t> site_ids,
                        feed::FeedOwner owner, WireRequest req, ConnectionSlot slot);
void start_feed_session(TlsStream&& stream, feed::FeedHub& hub, std::vector<std::int64_t> site_ids,
                        feed::FeedOwner owner, WireRequest req, ConnectionSlot slot);

}  // namespace cj::transport

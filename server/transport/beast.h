// Namespace aliases for Asio and Beast. Included only by server/ sources, never by public headers
// of other libraries, so that Beast stays out of their compile times.
#pragma once

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace cj::transport {
namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;
}  // namespace cj::transport

// The one translation unit that compiles Asio (BOOST_ASIO_SEPARATE_COMPILATION).
#include <boost/asio/impl/src.hpp>
// Asio's SSL support (OpenSSL), compiled here too: HTTPS (server/transport/tls_context.h).
#include <boost/asio/ssl/impl/src.hpp>

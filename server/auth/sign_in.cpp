#include "server/auth/sign_in.h"

#include <thread>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

namespace cj::auth {

namespace net = boost::asio;

// One thread waiting on every delayed attempt's timer: thousands of them cost one thread.
struct SignIn::Timer {
  net::io_context io{1};
  net::executor_work_guard<net::io_context::executor_type> work = net::make_work_guard(io);
  std::thread thread{[this] { io.run(); }};

  ~Timer() {
    work.reset();
    io.stop();
    if (thread.joinable()) thread.join();
  }
};

SignIn::SignIn(SignInOptions options)
    : limiter_(options.limits),
      hashes_(options.hash_threads != 0                 ? options.hash_threads
              : std::thread::hardware_concurrency() > 4 ? 2
                                                        : 1,
              options.hash_queue_limit),
      timer_(std::make_unique<Timer>()) {}

SignIn::~SignIn() {
  timer_.reset();
  hashes_.stop();
}

void SignIn::after(std::chrono::steady_clock::duration delay, std::function<void()> job) {
  if (delay <= std::chrono::steady_clock::duration::zero()) {
    net::post(timer_->io, std::move(job));
    return;
  }
  auto timer = std::make_shared<net::steady_timer>(timer_->io, delay);
  timer->async_wait([timer, job = std::move(job)](const boost::system::error_code& ec) {
    if (!ec) job();
  });
}

}  // namespace cj::auth

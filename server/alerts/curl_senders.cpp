#include "server/alerts/curl_senders.h"

#include <cstring>
#include <memory>
#include <mutex>

#include <curl/curl.h>

namespace cj::alerts {

namespace {

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct CurlDeleter {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct ListDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using Curl = std::unique_ptr<CURL, CurlDeleter>;
using List = std::unique_ptr<curl_slist, ListDeleter>;

struct Upload {
  const std::string& text;
  std::size_t at = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto& upload = *static_cast<Upload*>(user);
  const std::size_t n = std::min(size * count, upload.text.size() - upload.at);
  std::memcpy(buffer, upload.text.data() + upload.at, n);
  upload.at += n;
  return n;
}

std::size_t discard(char*, std::size_t size, std::size_t count, void*) { return size * count; }

void append(List& list, const std::string& item) {
  curl_slist* grown = curl_slist_append(list.get(), item.c_str());
  if (grown != nullptr) {
    (void)list.release();
    list.reset(grown);
  }
}

std::string failure(const char* what, CURLcode code, const char* detail) {
  std::string text = std::string(what) + ": " + curl_easy_strerror(code);
  if (detail != nullptr && detail[0] != '\0') text += " (" + std::string(detail) + ")";
  return text;
}

}  // namespace

std::optional<std::string> send_email(const SmtpRelay& relay, const std::string& to, const std::string& message,
                                      std::chrono::seconds timeout) {
  global_init();
  Curl curl(curl_easy_init());
  if (!curl) return "SMTP: cannot make a curl handle";
  char error[CURL_ERROR_SIZE] = {};
  const std::string url = "smtp://" + relay.host + ":" + std::to_string(relay.port);
  const std::string from = "<" + relay.from + ">";
  List recipients;
  append(recipients, "<" + to + ">");
  Upload upload{message};
  curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);  // a worker thread: no SIGALRM for timeouts
  curl_easy_setopt(curl.get(), CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(curl.get(), CURLOPT_READFUNCTION, &read_upload);
  curl_easy_setopt(curl.get(), CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl.get(), CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT, static_cast<long>(timeout.count()));
  curl_easy_setopt(curl.get(), CURLOPT_CONNECTTIMEOUT, static_cast<long>(std::min<long>(timeout.count(), 5)));
  // STARTTLS when the site asks for it, and then nothing in clear: CURLUSESSL_ALL fails rather
  // than sending the message (or the password) unencrypted.
  curl_easy_setopt(curl.get(), CURLOPT_USE_SSL, relay.starttls ? static_cast<long>(CURLUSESSL_ALL) : 0L);
  if (!relay.user.empty()) {
    curl_easy_setopt(curl.get(), CURLOPT_USERNAME, relay.user.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_PASSWORD, relay.password.c_str());
  }
  const CURLcode code = curl_easy_perform(curl.get());
  if (code != CURLE_OK) return failure("SMTP", code, error);
  return std::nullopt;
}

std::optional<std::string> post_json(const std::string& url, const std::string& body,
                                     const std::vector<std::string>& headers, std::chrono::seconds timeout) {
  global_init();
  Curl curl(curl_easy_init());
  if (!curl) return "webhook: cannot make a curl handle";
  char error[CURL_ERROR_SIZE] = {};
  List list;
  append(list, "Content-Type: application/json");
  append(list, "Expect:");  // no 100-continue round trip
  for (const auto& header : headers) append(list, header);
  curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_HTTPHEADER, list.get());
  curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, &discard);
  curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT, static_cast<long>(timeout.count()));
  curl_easy_setopt(curl.get(), CURLOPT_CONNECTTIMEOUT, static_cast<long>(std::min<long>(timeout.count(), 5)));
  curl_easy_setopt(curl.get(), CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl.get(), CURLOPT_FOLLOWLOCATION, 0L);
  const CURLcode code = curl_easy_perform(curl.get());
  if (code != CURLE_OK) return failure("webhook", code, error);
  long status = 0;
  curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &status);
  if (status < 200 || status > 299) return "webhook: the receiver answered HTTP " + std::to_string(status);
  return std::nullopt;
}

}  // namespace cj::alerts

#include "scanner/curl_poster.h"

#include <curl/curl.h>

#include <stdexcept>

namespace cj::scanner {

namespace {

std::size_t append_body(char* data, std::size_t size, std::size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

}  // namespace

CurlPoster::CurlPoster(std::string server, std::string station_key, std::chrono::seconds timeout)
    : authorization_("Authorization: Station " + station_key), timeout_(timeout) {
  while (!server.empty() && server.back() == '/') server.pop_back();
  url_ = server + "/api/v1/scans";
  curl_ = curl_easy_init();
  if (!curl_) throw std::runtime_error("libcurl could not make a handle");
}

CurlPoster::~CurlPoster() { curl_easy_cleanup(static_cast<CURL*>(curl_)); }

PostAnswer CurlPoster::post_scan(const std::string& body) {
  CURL* curl = static_cast<CURL*>(curl_);
  PostAnswer answer;
  char error[CURL_ERROR_SIZE] = {};
  curl_slist* headers = nullptr;
  headers = curl_slist_append(headers, "Content-Type: application/json");
  headers = curl_slist_append(headers, authorization_.c_str());
  curl_easy_reset(curl);
  curl_easy_setopt(curl, CURLOPT_URL, url_.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POST, 1L);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &append_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &answer.body);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, static_cast<long>(timeout_.count()));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, static_cast<long>(timeout_.count()));
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);  // the sender is a thread; no SIGALRM
  const CURLcode rc = curl_easy_perform(curl);
  if (rc == CURLE_OK) {
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    answer.status = static_cast<int>(status);
  } else {
    answer.status = 0;
    answer.body.clear();
    answer.error = error[0] ? error : curl_easy_strerror(rc);
  }
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);
  curl_slist_free_all(headers);
  return answer;
}

}  // namespace cj::scanner

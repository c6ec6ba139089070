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

CurlPoster::CurlPoster(std::string server, std::string station_key, std::chrono::seconds timeout, std::string ca_file)
    : authorization_("Authorization: Station " + station_key), timeout_(timeout), ca_file_(std::move(ca_file)) {
  while (!server.empty() && server.back() == '/') server.pop_back();
  server_ = server;
  curl_ = curl_easy_init();
  if (!curl_) throw std::runtime_error("libcurl could not make a handle");
}

CurlPoster::~CurlPoster() { curl_easy_cleanup(static_cast<CURL*>(curl_)); }

PostAnswer CurlPoster::post_scan(const std::string& body) { return request("POST", "/api/v1/scans", body); }

PostAnswer CurlPoster::request(const std::string& method, const std::string& path, const std::string& body) {
  const std::string url = server_ + path;
  CURL* curl = static_cast<CURL*>(curl_);
  PostAnswer answer;
  char error[CURL_ERROR_SIZE] = {};
  curl_slist* headers = nullptr;
  headers = curl_slist_append(headers, "Content-Type: application/json");
  headers = curl_slist_append(headers, authorization_.c_str());
  curl_easy_reset(curl);
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  if (method == "POST") {
    curl_easy_setopt(curl, CURLOPT_POST, 1L);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  } else {
    curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
  }
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &append_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &answer.body);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, static_cast<long>(timeout_.count()));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, static_cast<long>(timeout_.count()));
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);  // the sender is a thread; no SIGALRM
  // Peer and host verification stay at libcurl's defaults (on), and are never turned off.
  if (!ca_file_.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, ca_file_.c_str());
  curl_easy_setopt(curl, CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2));
  const CURLcode rc = curl_easy_perform(curl);
  if (rc == CURLE_OK) {
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    answer.status = static_cast<int>(status);
  } else {
    answer.status = 0;
    answer.body.clear();
    answer.error = describe_failure(rc, error[0] ? error : curl_easy_strerror(rc));
  }
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);
  curl_slist_free_all(headers);
  return answer;
}

std::string CurlPoster::describe_failure(int code, const std::string& detail) {
  switch (static_cast<CURLcode>(code)) {
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_ISSUER_ERROR:
      return "the server's certificate is not trusted (" + detail +
             "); check the station's ca_file and the server address";
    case CURLE_SSL_CACERT_BADFILE:
      return "the station's CA file cannot be used (" + detail + "); check ca_file";
    case CURLE_SSL_CONNECT_ERROR:
      return "no secure connection to the server (" + detail + ")";
    default:
      return detail;
  }
}

}  // namespace cj::scanner

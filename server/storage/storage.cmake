# storage: the private PostgreSQL cluster and schema migrations (included from server/CMakeLists.txt).
file(GLOB STORAGE_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/storage/*.cpp)
add_library(storage STATIC ${STORAGE_SOURCES})
target_link_libraries(storage PUBLIC PkgConfig::PQXX spdlog::spdlog Threads::Threads)

# Every library comes from a Debian 12 package installed by scripts/setup.
find_package(Threads REQUIRED)
find_package(Boost 1.81 EXACT REQUIRED COMPONENTS url)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(spdlog REQUIRED)
find_package(fmt REQUIRED)
find_package(CLI11 REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)      # argon2id, random tokens, SHA-256
pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET xlsxwriter)  # XLSX exports
pkg_check_modules(ICU REQUIRED IMPORTED_TARGET icu-uc icu-i18n)     # GB18030, NFKC, Han→pinyin
pkg_check_modules(LIBZIP REQUIRED IMPORTED_TARGET libzip)         # reading XLSX (a zip …
pkg_check_modules(EXPAT REQUIRED IMPORTED_TARGET expat)           # … of XML parts, streamed)

# SOCI 4.0.3 in Debian ships no CMake config; find its parts by hand.
find_path(SOCI_INCLUDE_DIR soci/soci.h REQUIRED)
find_library(SOCI_CORE_LIBRARY soci_core REQUIRED)
find_library(SOCI_SQLITE_LIBRARY soci_sqlite3 REQUIRED)
find_library(SOCI_POSTGRESQL_LIBRARY soci_postgresql REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(PostgreSQL REQUIRED)
add_library(soci INTERFACE)
target_include_directories(soci SYSTEM INTERFACE ${SOCI_INCLUDE_DIR} ${PostgreSQL_INCLUDE_DIRS})
target_link_libraries(soci INTERFACE
  ${SOCI_SQLITE_LIBRARY} ${SOCI_POSTGRESQL_LIBRARY} ${SOCI_CORE_LIBRARY}
  SQLite::SQLite3 ${PostgreSQL_LIBRARIES} ${CMAKE_DL_LIBS})

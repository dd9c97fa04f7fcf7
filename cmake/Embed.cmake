# jinfu_embed(TARGET FILE...) makes a static library that holds each FILE's bytes, reachable at
# run time through platform/embedded.hpp by the path relative to the source tree
# (e.g. "migrations/0001_registry.sql"), or, for a file made at build time under
# ${CMAKE_BINARY_DIR}/generated, by its path there ("openapi.json"). The generated source is
# rebuilt when a file changes.
function(jinfu_embed target)
  set(out ${CMAKE_BINARY_DIR}/generated/${target}.cpp)
  string(REPLACE ";" "|" files "${ARGN}")
  add_custom_command(OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DROOT=${CMAKE_SOURCE_DIR} -DGENERATED=${CMAKE_BINARY_DIR}/generated
            "-DFILES=${files}"
            -P ${CMAKE_SOURCE_DIR}/cmake/embed_files.cmake
    DEPENDS ${ARGN} ${CMAKE_SOURCE_DIR}/cmake/embed_files.cmake
    COMMENT "Embedding data files into ${target}"
    VERBATIM)
  add_library(${target} STATIC ${out})
  target_include_directories(${target} PUBLIC ${CMAKE_SOURCE_DIR}/src)
endfunction()

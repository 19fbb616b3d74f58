# Client core: request layer, fault server, CLI. Included by tests/CMakeLists.txt.

add_library(segscope_faultserver STATIC support/faultserver.h support/faultserver.cpp)
target_include_directories(segscope_faultserver PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(segscope_faultserver PUBLIC Qt6::Network segscope_flags)

segscope_add_test(tst_apierror)

segscope_add_test(tst_apiclient_faults)
target_link_libraries(tst_apiclient_faults PRIVATE segscope_faultserver)

segscope_add_test(tst_cli)
target_link_libraries(tst_cli PRIVATE segscope_faultserver)
target_compile_definitions(tst_cli PRIVATE SEGSCOPE_CLI_BINARY="$<TARGET_FILE:segscope>")
add_dependencies(tst_cli segscope)

# Against the real segscope-server, in-process on 127.0.0.1:0.
segscope_add_test(tst_api_server)

# Benchmarks: programs that print figures, not timed tests.
qt_add_executable(bench_parse bench/bench_parse.cpp)
target_link_libraries(bench_parse PRIVATE segscope_core)

segscope_add_test(tst_api_transfers)
target_link_libraries(tst_api_transfers PRIVATE segscope_faultserver)

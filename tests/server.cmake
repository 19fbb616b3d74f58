# segscope-server: in-process and child-process tests over HTTP. Included by tests/CMakeLists.txt.

add_library(segscope_serverfixture STATIC support/serverfixture.h support/serverfixture.cpp)
target_link_libraries(segscope_serverfixture
    PUBLIC segscope_testsupport segscope_server Qt6::Network Qt6::Test
    PRIVATE ZLIB::ZLIB)
target_compile_definitions(segscope_serverfixture PRIVATE
    SEGSCOPE_SERVER_BINARY="$<TARGET_FILE:segscope-server>")
add_dependencies(segscope_serverfixture segscope-server)

set(SEGSCOPE_SERVER_TESTS
    tst_server_basics
    tst_server_samples
    tst_server_listing
    tst_server_labels
    tst_server_issues
    tst_server_review
    tst_server_assets
    tst_server_badinput
    tst_server_writes
    tst_server_demo
    tst_server_process)
foreach(test IN LISTS SEGSCOPE_SERVER_TESTS)
    segscope_add_test(${test})
    target_link_libraries(${test} PRIVATE segscope_serverfixture)
    set_tests_properties(${test} PROPERTIES LABELS server)
endforeach()
add_custom_target(server_tests DEPENDS ${SEGSCOPE_SERVER_TESTS})

# What a segments-ai SDK script does, held against the SDK's models (tests/data/sdk/models.json).
add_test(NAME sdk_contract
    COMMAND python3 ${CMAKE_CURRENT_SOURCE_DIR}/scripts/sdk_contract.py
            $<TARGET_FILE:segscope-server> ${CMAKE_CURRENT_SOURCE_DIR}/data/sdk/models.json
            ${CMAKE_CURRENT_SOURCE_DIR}/data/api/sdk)
set_tests_properties(sdk_contract PROPERTIES LABELS server TIMEOUT 300)

# Benchmark: a program that prints figures, not a timed test.
qt_add_executable(bench_server bench/bench_server.cpp)
target_link_libraries(bench_server PRIVATE Qt6::Network Qt6::Test segscope_flags)
target_compile_definitions(bench_server PRIVATE SEGSCOPE_SERVER_BINARY="$<TARGET_FILE:segscope-server>")
add_dependencies(bench_server segscope-server)

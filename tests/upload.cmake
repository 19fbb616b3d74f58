# The upload pipeline (issue 6): what users hand in, the checks, the queue against segscope-server
# behind a fault-injecting proxy, and `segscope upload` run as the built binary. Included by
# tests/CMakeLists.txt.
#
# The benchmark (a program that prints figures, not a test):
#   cmake --build --preset debug --target bench_upload && build/debug/bin/bench_upload

add_library(segscope_uploadtestsupport STATIC
    support/faultproxy.h support/faultproxy.cpp
    support/uploadfiles.h support/uploadfiles.cpp)
target_include_directories(segscope_uploadtestsupport PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(segscope_uploadtestsupport
    PUBLIC segscope_faultserver Qt6::Network Qt6::Gui segscope_flags)

# The upload tests' world: the server in-process, the proxy in front, a client on it.
add_library(segscope_uploadfixture STATIC support/uploadfixture.h support/uploadfixture.cpp)
target_link_libraries(segscope_uploadfixture
    PUBLIC segscope_serverfixture segscope_uploadtestsupport segscope_core)

segscope_add_test(tst_upload_checks)
target_link_libraries(tst_upload_checks PRIVATE segscope_uploadtestsupport)

# What users hand in (annotations files, typed metadata), shared by the dialog and the command.
segscope_add_test(tst_upload_input)
target_link_libraries(tst_upload_input PRIVATE segscope_uploadtestsupport)

foreach(test tst_upload tst_upload_resume)
    segscope_add_test(${test})
    target_link_libraries(${test} PRIVATE segscope_uploadfixture)
endforeach()

segscope_add_test(tst_upload_cli)
target_link_libraries(tst_upload_cli PRIVATE segscope_uploadfixture segscope_cli)
target_compile_definitions(tst_upload_cli PRIVATE SEGSCOPE_CLI_BINARY="$<TARGET_FILE:segscope>")
add_dependencies(tst_upload_cli segscope)

qt_add_executable(bench_upload bench/bench_upload.cpp)
target_link_libraries(bench_upload PRIVATE segscope_core segscope_uploadtestsupport)
add_dependencies(bench_upload segscope-server)

# The wire layer's readers under hostile input: the inputs the JSON value readers' fuzzer once
# broke, replayed as a regular test, and the fuzzer itself. Included by tests/CMakeLists.txt
# after labels.cmake, which declares SEGSCOPE_FUZZ.
#
# The JSON value readers' fuzzer (libFuzzer, clang only, off by default, like fuzz_pngdecode):
#   cmake -S . -B build-fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
#         -DSEGSCOPE_FUZZ=ON
#   cmake --build build-fuzz --target fuzz_wirejson
#   python3 tests/fuzz/wirejson_seeds.py /tmp/wirejson-corpus [path/to/segments-api-docs.md]
#   build-fuzz/bin/fuzz_wirejson -dict=tests/fuzz/wirejson.dict -max_len=65536 \
#         -malloc_limit_mb=64 -rss_limit_mb=2048 -timeout=5 -max_total_time=1800 /tmp/wirejson-corpus
# The limits are the rule "no allocation beyond the input's scale": 64 MB for one allocation is
# 1000 times the largest input. A crash, leak, timeout or oom leaves crash-*, leak-*, timeout-*
# or oom-* in the current directory: fix the reader, copy the file to tests/data/fuzz-regressions
# (tst_wire_fuzzregressions replays every file there) and add a test of the fixed behaviour.
# A check of the fuzzer's own (wirejsoncheck.cpp) that fails prints "wire check failed: why".

segscope_add_test(tst_wire_fuzzregressions fuzz/wirejsoncheck.h fuzz/wirejsoncheck.cpp)
target_link_libraries(tst_wire_fuzzregressions PRIVATE segscope_cli)
target_include_directories(tst_wire_fuzzregressions PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/fuzz)

if(SEGSCOPE_FUZZ)
    # The readers' sources compiled again with sanitizer coverage, so libFuzzer sees their
    # branches: the whole wire library (its source list, so a new value type is in at once), the
    # upload's annotation file and typed metadata, the API's error classification, which parses
    # every response body, and what `segscope render` reads its --label and --dataset files with.
    get_target_property(wire_sources segscope_wire SOURCES)
    list(FILTER wire_sources INCLUDE REGEX "\\.cpp$")
    list(TRANSFORM wire_sources PREPEND ${PROJECT_SOURCE_DIR}/app/wire/)
    set(core ${PROJECT_SOURCE_DIR}/app/core)
    add_executable(fuzz_wirejson fuzz/fuzz_wirejson.cpp fuzz/wirejsoncheck.cpp ${wire_sources}
        ${core}/upload/annotationfile.cpp ${core}/upload/typedmetadata.cpp
        ${core}/api/apierror.cpp ${PROJECT_SOURCE_DIR}/app/cli/renderfiles.cpp)
    target_include_directories(fuzz_wirejson PRIVATE ${core} ${PROJECT_SOURCE_DIR}/app)
    target_compile_options(fuzz_wirejson PRIVATE -fsanitize=fuzzer,address,undefined
        -fno-sanitize-recover=undefined)
    target_link_options(fuzz_wirejson PRIVATE -fsanitize=fuzzer,address,undefined)
    target_link_libraries(fuzz_wirejson PRIVATE Qt6::Core Qt6::Gui Qt6::Network ZLIB::ZLIB
        segscope_flags)
endif()

# Label pipeline: bitmap decoding, colouring, statistics, offline rendering.
# Included by tests/CMakeLists.txt.
#
# Fixtures live in tests/data/labels (regenerate with tests/data/labels/make_fixtures.py).
#
# The PNG decoder fuzzer (libFuzzer, clang only, off by default):
#   cmake -S . -B build-fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
#         -DSEGSCOPE_FUZZ=ON
#   cmake --build build-fuzz --target fuzz_pngdecode
#   mkdir -p /tmp/png-corpus && cp tests/data/labels/*.png /tmp/png-corpus/
#   build-fuzz/bin/fuzz_pngdecode -max_total_time=180 -rss_limit_mb=4096 /tmp/png-corpus
#
# The benchmark (a program that prints medians, not a test; build it in Release):
#   cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release
#   cmake --build build-release --target bench_bitmap && build-release/bin/bench_bitmap

option(SEGSCOPE_FUZZ "Build the libFuzzer targets (clang only)" OFF)

segscope_add_test(tst_pngdecoder)
target_link_libraries(tst_pngdecoder PRIVATE ZLIB::ZLIB)
segscope_add_test(tst_pngencoder)
segscope_add_test(tst_labeloverlay)
segscope_add_test(tst_labelcomparison)
segscope_add_test(tst_labelrender)
segscope_add_test(tst_vectorshapes)
# `segscope render` run as the built binary: offline on files, and against segscope-server.
segscope_add_test(tst_render)
target_link_libraries(tst_render PRIVATE segscope_serverfixture)
target_compile_definitions(tst_render PRIVATE SEGSCOPE_CLI_BINARY="$<TARGET_FILE:segscope>")
add_dependencies(tst_render segscope)

qt_add_executable(bench_bitmap bench/bench_bitmap.cpp bench/benchscene.h bench/benchscene.cpp)
target_link_libraries(bench_bitmap PRIVATE segscope_core)
# build/release/bin/bench_compare: comparing two 4096x3072 labels, against the numpy way.
qt_add_executable(bench_compare bench/bench_compare.cpp bench/benchscene.h bench/benchscene.cpp)
target_link_libraries(bench_compare PRIVATE segscope_core)
# build/release/bin/bench_render: `segscope render` process to process against the Python way.
qt_add_executable(bench_render bench/bench_render.cpp bench/benchscene.h bench/benchscene.cpp)
target_link_libraries(bench_render PRIVATE segscope_core)
target_compile_definitions(bench_render PRIVATE SEGSCOPE_CLI_BINARY="$<TARGET_FILE:segscope>")
add_dependencies(bench_render segscope)

if(SEGSCOPE_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
        message(FATAL_ERROR "SEGSCOPE_FUZZ needs clang (-DCMAKE_CXX_COMPILER=clang++)")
    endif()
    # The decoder's sources compiled again with sanitizer coverage, so libFuzzer sees its branches.
    set(core ${PROJECT_SOURCE_DIR}/app/core)
    add_executable(fuzz_pngdecode fuzz/fuzz_pngdecode.cpp
        ${core}/labels/bufferpool.cpp ${core}/labels/instancebitmap.cpp ${core}/labels/pngunfilter.cpp
        ${core}/labels/pngdecoder.cpp ${core}/labels/instanceindex.cpp)
    target_include_directories(fuzz_pngdecode PRIVATE ${core} ${PROJECT_SOURCE_DIR}/app)
    target_compile_options(fuzz_pngdecode PRIVATE -fsanitize=fuzzer,address,undefined
        -fno-sanitize-recover=undefined)
    target_link_options(fuzz_pngdecode PRIVATE -fsanitize=fuzzer,address,undefined)
    target_link_libraries(fuzz_pngdecode PRIVATE Qt6::Gui PkgConfig::LIBDEFLATE segscope_flags)
endif()

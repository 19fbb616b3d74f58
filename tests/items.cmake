# Item models and the thumbnail pipeline. Included by tests/CMakeLists.txt.
#
# The thumbnail benchmark (a program that prints medians and throughput, not a test; build it
# in Release):
#   cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release
#   cmake --build build-release --target bench_thumbnails && build-release/bin/bench_thumbnails

# Against the real segscope-server (demo data), in-process on 127.0.0.1:0.
segscope_add_test(tst_thumbnailcache)
target_link_libraries(tst_thumbnailcache PRIVATE segscope_serverfixture segscope_faultserver)
segscope_add_test(tst_thumbnailoverlay)
target_link_libraries(tst_thumbnailoverlay PRIVATE segscope_serverfixture)

qt_add_executable(bench_thumbnails bench/bench_thumbnails.cpp)
target_link_libraries(bench_thumbnails PRIVATE segscope_core segscope_server)

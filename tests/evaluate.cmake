# The dataset evaluation (app/core/evaluate) and `segscope evaluate`, against segscope-server.
# Included by tests/CMakeLists.txt.
#
# The benchmark (a program that prints figures, not a test; build it in Release):
#   cmake --preset release && cmake --build --preset release --target bench_evaluate
#   SEGSCOPE_BENCH_DATA=/tmp/segscope-bench-evaluate build/release/bin/bench_evaluate [N]

segscope_add_test(tst_evaluation)
target_link_libraries(tst_evaluation PRIVATE segscope_serverfixture)

# `segscope evaluate` run as the built binary against segscope-server.
segscope_add_test(tst_evaluate_cli)
target_link_libraries(tst_evaluate_cli PRIVATE segscope_serverfixture)
target_compile_definitions(tst_evaluate_cli PRIVATE SEGSCOPE_CLI_BINARY="$<TARGET_FILE:segscope>")
add_dependencies(tst_evaluate_cli segscope)

qt_add_executable(bench_evaluate bench/bench_evaluate.cpp)
target_link_libraries(bench_evaluate PRIVATE segscope_core segscope_server)

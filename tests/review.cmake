# Review from the keyboard (issue 15): the review core (app/core/review) and `segscope review`,
# against the real segscope-server, faults from the proxy in front of it. Included by
# tests/CMakeLists.txt after upload.cmake (the proxy's library).

segscope_add_test(tst_reviewdecisions)
target_link_libraries(tst_reviewdecisions PRIVATE segscope_serverfixture segscope_uploadtestsupport)

# `segscope review` run as the built binary against segscope-server.
segscope_add_test(tst_review_cli)
target_link_libraries(tst_review_cli PRIVATE segscope_serverfixture segscope_uploadtestsupport)
target_compile_definitions(tst_review_cli PRIVATE SEGSCOPE_CLI_BINARY="$<TARGET_FILE:segscope>")
add_dependencies(tst_review_cli segscope)

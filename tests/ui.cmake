# Item models and GUI tests (offscreen), against segscope-server in-process.
segscope_add_test(tst_samplelistmodel)
target_link_libraries(tst_samplelistmodel PRIVATE segscope_server)

segscope_add_test(tst_mainwindow)
target_link_libraries(tst_mainwindow PRIVATE segscope_server segscope_ui)

segscope_add_test(tst_workspace)
target_link_libraries(tst_workspace PRIVATE segscope_serverfixture segscope_readmesupport)

# Browsing benchmark: a program that prints figures (run by hand), not a test.
qt_add_executable(bench_browse bench/bench_browse.cpp)
target_link_libraries(bench_browse PRIVATE segscope_ui segscope_core)
add_dependencies(bench_browse segscope-server)

segscope_add_test(tst_detailpane)
target_link_libraries(tst_detailpane PRIVATE segscope_serverfixture segscope_ui)

# Detail view benchmark: frame costs on a 4096x3072 image (a program that prints figures).
qt_add_executable(bench_canvas bench/bench_canvas.cpp bench/benchscene.h bench/benchscene.cpp)
target_include_directories(bench_canvas PRIVATE bench)
target_link_libraries(bench_canvas PRIVATE segscope_ui segscope_core)

segscope_add_test(tst_uploaddialog)
target_link_libraries(tst_uploaddialog PRIVATE segscope_serverfixture segscope_uploadtestsupport segscope_ui)

segscope_add_test(tst_sequenceview)
target_link_libraries(tst_sequenceview PRIVATE segscope_serverfixture segscope_faultserver segscope_ui)

segscope_add_test(tst_samplebrowser)
target_link_libraries(tst_samplebrowser PRIVATE segscope_serverfixture segscope_ui)

segscope_add_test(tst_detailview)
target_link_libraries(tst_detailview PRIVATE segscope_serverfixture segscope_ui)

segscope_add_test(tst_detailstates)
target_link_libraries(tst_detailstates PRIVATE segscope_serverfixture segscope_ui)

segscope_add_test(tst_sampletable)
target_link_libraries(tst_sampletable PRIVATE segscope_serverfixture segscope_ui)

segscope_add_test(tst_compareview)
target_link_libraries(tst_compareview PRIVATE segscope_serverfixture segscope_ui)

segscope_add_test(tst_comparepairs)
target_link_libraries(tst_comparepairs PRIVATE segscope_serverfixture segscope_ui)

# Compare views benchmark: switching views on a 4096x3072 pair (a program that prints figures).
qt_add_executable(bench_compareview bench/bench_compareview.cpp bench/benchscene.h
                  bench/benchscene.cpp)
target_include_directories(bench_compareview PRIVATE bench)
target_link_libraries(bench_compareview PRIVATE segscope_ui segscope_core)

segscope_add_test(tst_evaluationpanel)
target_link_libraries(tst_evaluationpanel PRIVATE segscope_ui)

segscope_add_test(tst_evaluationwindow)
target_link_libraries(tst_evaluationwindow PRIVATE segscope_server segscope_ui)

# Review from the keyboard (issue 15): the queue, undo, counts; the actions, multi-select,
# refusals.
segscope_add_test(tst_reviewqueue)
target_link_libraries(tst_reviewqueue PRIVATE segscope_serverfixture segscope_readmesupport)
segscope_add_test(tst_reviewactions)
target_link_libraries(tst_reviewactions PRIVATE
    segscope_serverfixture segscope_uploadtestsupport segscope_readmesupport)

# A sample's issues in the viewer (issue 15): the Issues tab and chip, against segscope-server.
segscope_add_test(tst_issuespanel)
target_link_libraries(tst_issuespanel PRIVATE
    segscope_serverfixture segscope_uploadtestsupport segscope_readmesupport)

# The review queue's speed (a program that prints figures, not a test): key -> next sample
# painted, key -> PATCH landed, the GUI thread's longest gap, on the demo.
#   cmake --build --preset debug --target bench_review && build/debug/bin/bench_review [DIR]
qt_add_executable(bench_review bench/bench_review.cpp)
target_link_libraries(bench_review PRIVATE segscope_ui segscope_core Qt6::Test)
add_dependencies(bench_review segscope-server)

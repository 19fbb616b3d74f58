# Item models and GUI tests (offscreen), against segscope-server in-process.
segscope_add_test(tst_samplelistmodel)
target_link_libraries(tst_samplelistmodel PRIVATE segscope_server)

segscope_add_test(tst_mainwindow)
target_link_libraries(tst_mainwindow PRIVATE segscope_server segscope_ui)

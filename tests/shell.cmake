# The GUI's shell around the panes: the embedded demo's child server. Included by
# tests/CMakeLists.txt.
segscope_add_test(tst_demoserver)
target_link_libraries(tst_demoserver PRIVATE segscope_serverfixture segscope_ui)
add_dependencies(tst_demoserver segscope-server)

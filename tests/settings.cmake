# The settings dialog (profiles and the connection test, cache, theme) and the help windows,
# offscreen, against segscope-server in-process and the fault server. Included by
# tests/CMakeLists.txt.
segscope_add_test(tst_settings)
target_link_libraries(tst_settings PRIVATE segscope_serverfixture segscope_faultserver segscope_ui)
set_tests_properties(tst_settings PROPERTIES ENVIRONMENT "QT_QPA_PLATFORM=offscreen")

# Each setting declared once with its key and default (app/core/settings), headless.
segscope_add_test(tst_typedsettings)

# The README's claims, each driven as a user would: the browse and detail views of the real
# main window (offscreen, keys, wheel and mouse), the GUI's command line and the headless
# commands as the built binary, the upload queue resumed at the next start, and
# segscope-server on a database of an older schema. Included by tests/CMakeLists.txt.

# The main window opened as the app opens it.
add_library(segscope_readmesupport STATIC
    support/mainwindowdriver.h support/mainwindowdriver.cpp)
target_include_directories(segscope_readmesupport PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(segscope_readmesupport PUBLIC segscope_ui Qt6::Test Qt6::Widgets)

foreach(test tst_readme_browse tst_readme_detail)
    segscope_add_test(${test})
    target_link_libraries(${test} PRIVATE segscope_serverfixture segscope_readmesupport)
endforeach()

segscope_add_test(tst_readme_resume)
target_link_libraries(tst_readme_resume PRIVATE segscope_uploadfixture segscope_readmesupport)

segscope_add_test(tst_gui_commandline)
target_link_libraries(tst_gui_commandline PRIVATE
    segscope_serverfixture segscope_uploadtestsupport segscope_readmesupport)
target_compile_definitions(tst_gui_commandline PRIVATE
    SEGSCOPE_CLI_BINARY="$<TARGET_FILE:segscope>")
add_dependencies(tst_gui_commandline segscope segscope-server)

segscope_add_test(tst_cli_server)
target_link_libraries(tst_cli_server PRIVATE segscope_serverfixture)
target_compile_definitions(tst_cli_server PRIVATE SEGSCOPE_CLI_BINARY="$<TARGET_FILE:segscope>")
add_dependencies(tst_cli_server segscope)

segscope_add_test(tst_server_migration)
target_link_libraries(tst_server_migration PRIVATE segscope_serverfixture Qt6::Sql)

set(SEGSCOPE_README_TESTS tst_readme_browse tst_readme_detail tst_readme_resume
    tst_gui_commandline tst_cli_server tst_server_migration)
set_property(TEST ${SEGSCOPE_README_TESTS} APPEND PROPERTY LABELS readme)
add_custom_target(readme_tests DEPENDS ${SEGSCOPE_README_TESTS})

# The client against a stand-in that answers with the API documentation's examples and the
# SDK-shaped fixtures (issue 12): the headless commands and the GUI.
add_library(segscope_docsstandin STATIC support/docsstandin.h support/docsstandin.cpp)
target_link_libraries(segscope_docsstandin PUBLIC segscope_uploadtestsupport segscope_testsupport)
segscope_add_test(tst_docs_standin)
target_link_libraries(tst_docs_standin PRIVATE segscope_docsstandin segscope_readmesupport)
target_compile_definitions(tst_docs_standin PRIVATE SEGSCOPE_CLI_BINARY="$<TARGET_FILE:segscope>")
add_dependencies(tst_docs_standin segscope)

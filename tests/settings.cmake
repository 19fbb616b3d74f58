# The settings dialog (profiles and the connection test, cache, theme) and the help windows,
# offscreen, against segscope-server in-process and the fault server. Included by
# tests/CMakeLists.txt.
segscope_add_test(tst_settings)
target_link_libraries(tst_settings PRIVATE segscope_serverfixture segscope_faultserver segscope_ui)

# The keychain for real: a private session bus with gnome-keyring-daemon (an unlocked login
# keyring in the temporary HOME); keys stored by KeyStore and the settings dialog, read back by
# secret-tool, sent by the client, the dialog's Test and `segscope datasets --profile`.
find_package(Qt6 REQUIRED COMPONENTS DBus)
segscope_add_test(tst_keystore)
target_link_libraries(tst_keystore
    PRIVATE segscope_serverfixture segscope_uploadtestsupport segscope_ui Qt6::DBus)
target_compile_definitions(tst_keystore PRIVATE SEGSCOPE_CLI_BINARY="$<TARGET_FILE:segscope>")
add_dependencies(tst_keystore segscope)

# Each setting declared once with its key and default (app/core/settings), headless.
segscope_add_test(tst_typedsettings)

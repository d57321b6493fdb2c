# install() rules and the Debian package (cpack -G DEB). Build the package in Release:
#   cmake -S . -B build-pkg -DCMAKE_BUILD_TYPE=Release -DLBTRACK_BUILD_TESTS=OFF \
#     -DLBTRACK_BUILD_BENCH=OFF && cmake --build build-pkg -j2 --target lbtrack \
#     && (cd build-pkg && cpack -G DEB)
# Paths are Debian's: the binary in /usr/bin, the config in /etc/lbtrack (conffiles, so a local
# edit survives an upgrade), the units in /lib/systemd/system.
include(GNUInstallDirs)
set(_pkg ${PROJECT_SOURCE_DIR}/deploy/package)

install(TARGETS lbtrack RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${PROJECT_SOURCE_DIR}/config/sources.toml ${PROJECT_SOURCE_DIR}/config/models.toml
        DESTINATION /etc/lbtrack)
install(FILES ${PROJECT_SOURCE_DIR}/deploy/lbtrack.service ${PROJECT_SOURCE_DIR}/deploy/lbtrack.timer
              ${PROJECT_SOURCE_DIR}/deploy/lbtrack-serve.service
        DESTINATION /lib/systemd/system)
install(FILES ${_pkg}/lbtrack.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${_pkg}/lbtrack.bash-completion DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME lbtrack)
install(FILES ${_pkg}/_lbtrack DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
# Not in /etc/cron.d: with the timer enabled as well it would run twice a day.
install(FILES ${PROJECT_SOURCE_DIR}/deploy/lbtrack.cron ${PROJECT_SOURCE_DIR}/README.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_PACKAGE_NAME lbtrack)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "lbtrack maintainers <lbtrack@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "keeps the history of LLM leaderboards")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
# Shared-library dependencies from dpkg-shlibdeps; PostgreSQL 15's server binaries run the
# embedded cluster; adduser makes the system user.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "postgresql-15, adduser")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "bash-completion")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA ${_pkg}/postinst ${_pkg}/postrm ${_pkg}/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_STRIP_FILES ON)
include(CPack)

# `cmake --install`: the joulebench executable, and the library a user's own benchmark program
# links to be measured (find_package(joulebench) then target_link_libraries(app
# joulebench::harness)). Only include/joulebench/ is public; the rest of the headers are internal.
include(CMakePackageConfigHelpers)

install(TARGETS joulebench RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS joulebench_harness joulebench_common
        EXPORT joulebench-targets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/joulebench
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})

set(joulebench_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/joulebench)
install(EXPORT joulebench-targets NAMESPACE joulebench:: DESTINATION ${joulebench_cmake_dir})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/joulebench-config.cmake.in
  ${PROJECT_BINARY_DIR}/joulebench-config.cmake
  INSTALL_DESTINATION ${joulebench_cmake_dir})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/joulebench-config-version.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/joulebench-config.cmake
              ${PROJECT_BINARY_DIR}/joulebench-config-version.cmake
        DESTINATION ${joulebench_cmake_dir})

# Linux (and other freedesktop systems): man pages, systemd units, desktop entry, AppStream
# metainfo, icons, and the Debian copyright and changelog. Included from installer/CMakeLists.txt.

set(lantir_linux_src ${CMAKE_CURRENT_SOURCE_DIR}/linux)
set(lantir_linux_bin ${CMAKE_CURRENT_BINARY_DIR}/linux)
file(MAKE_DIRECTORY ${lantir_linux_bin})
set(lantir_generated_files "")

# Debian wants man pages and changelogs compressed with gzip -9n (no name, no time stamp).
find_program(LANTIR_GZIP gzip)

# lantir_gzip(<source> <output name>): a build step that writes ${lantir_linux_bin}/<name>.gz,
# or copies <source> as <name> where gzip is missing. Sets lantir_gzip_output.
function(lantir_gzip source name)
  if(LANTIR_GZIP)
    set(out ${lantir_linux_bin}/${name}.gz)
    add_custom_command(OUTPUT ${out}
      COMMAND ${CMAKE_COMMAND} -E copy ${source} ${lantir_linux_bin}/${name}
      COMMAND ${LANTIR_GZIP} -9nf ${lantir_linux_bin}/${name}
      DEPENDS ${source}
      COMMENT "Compressing ${name}"
      VERBATIM)
  else()
    set(out ${lantir_linux_bin}/${name})
    configure_file(${source} ${out} COPYONLY)
  endif()
  set(lantir_gzip_output ${out} PARENT_SCOPE)
endfunction()

# ---- Man pages --------------------------------------------------------------------------------
set(lantir_man_pages lantir-sync.1)
if(lantir_with_gui)
  list(APPEND lantir_man_pages lantir.1)
endif()
set(LANTIR_DOC_ROOT ${LANTIR_DEB_PREFIX}/${LANTIR_DOC_DIR})  # paths as the Debian package installs them
set(LANTIR_SYSTEMD_PREFIX ${LANTIR_DEB_PREFIX})
set(LANTIR_DATA_ROOT ${LANTIR_DEB_PREFIX}/${CMAKE_INSTALL_DATADIR})
foreach(page IN LISTS lantir_man_pages)
  configure_file(${lantir_linux_src}/${page}.in ${lantir_linux_bin}/man/${page} @ONLY)
  lantir_gzip(${lantir_linux_bin}/man/${page} ${page})
  list(APPEND lantir_generated_files ${lantir_gzip_output})
  install(FILES ${lantir_gzip_output} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
endforeach()

# ---- Debian copyright and changelog -----------------------------------------------------------
configure_file(${lantir_linux_src}/copyright.in ${lantir_linux_bin}/copyright @ONLY)
install(FILES ${lantir_linux_bin}/copyright DESTINATION ${LANTIR_DOC_DIR})
# The changelog entry is dated noon UTC of the release date (GNU date turns it into RFC 2822).
execute_process(COMMAND date -u -R -d "${LANTIR_RELEASE_DATE} 12:00:00"
                OUTPUT_VARIABLE lantir_changelog_date OUTPUT_STRIP_TRAILING_WHITESPACE
                RESULT_VARIABLE lantir_date_status ERROR_QUIET)
if(NOT lantir_date_status EQUAL 0)
  message(FATAL_ERROR "LANTIR_RELEASE_DATE must be a date as YYYY-MM-DD, not '${LANTIR_RELEASE_DATE}'")
endif()
set(LANTIR_DEB_VERSION ${PROJECT_VERSION}-${LANTIR_PACKAGE_RELEASE})
configure_file(${lantir_linux_src}/changelog.Debian.in ${lantir_linux_bin}/changelog.Debian.src @ONLY)
lantir_gzip(${lantir_linux_bin}/changelog.Debian.src changelog.Debian)
list(APPEND lantir_generated_files ${lantir_gzip_output})
install(FILES ${lantir_gzip_output} DESTINATION ${LANTIR_DOC_DIR})
install(FILES ${lantir_linux_src}/lantir.lintian-overrides
        DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/lintian/overrides RENAME ${LANTIR_PACKAGE_NAME})

# ---- systemd units ----------------------------------------------------------------------------
# Written at install time, so ExecStart= names lantir-sync where this installation puts it:
# /usr/bin for the Debian package, <prefix>/bin for `cmake --install --prefix <prefix>`.
if(IS_ABSOLUTE "${CMAKE_INSTALL_BINDIR}")
  set(lantir_unit_bindir "${CMAKE_INSTALL_BINDIR}")
else()
  set(lantir_unit_bindir "\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}")
endif()
install(CODE "
  set(lantir_bindir \"${lantir_unit_bindir}\")
  set(lantir_docdir \"\${CMAKE_INSTALL_PREFIX}/${LANTIR_DOC_DIR}\")
  foreach(unit lantir-sync.service lantir-sync@.service)
    file(READ \"${lantir_linux_src}/\${unit}.in\" text)
    string(REPLACE \"@LANTIR_BINDIR@\" \"\${lantir_bindir}\" text \"\${text}\")
    string(REPLACE \"@LANTIR_DOCDIR@\" \"\${lantir_docdir}\" text \"\${text}\")
    file(WRITE \"${lantir_linux_bin}/systemd/\${unit}\" \"\${text}\")
  endforeach()
  file(INSTALL DESTINATION \"\${CMAKE_INSTALL_PREFIX}/lib/systemd/user\" TYPE FILE
       FILES \"${lantir_linux_bin}/systemd/lantir-sync.service\")
  file(INSTALL DESTINATION \"\${CMAKE_INSTALL_PREFIX}/lib/systemd/system\" TYPE FILE
       FILES \"${lantir_linux_bin}/systemd/lantir-sync@.service\")
")

# ---- Desktop entry, metainfo, icons (desktop app only) ------------------------------------------
if(lantir_with_gui)
  if(EXISTS ${lantir_desktop_file})
    install(FILES ${lantir_desktop_file} DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
  endif()

  configure_file(${lantir_linux_src}/${LANTIR_APPSTREAM_ID}.metainfo.xml.in
                 ${lantir_linux_bin}/${LANTIR_APPSTREAM_ID}.metainfo.xml @ONLY)
  install(FILES ${lantir_linux_bin}/${LANTIR_APPSTREAM_ID}.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)

  if(EXISTS ${lantir_icon_svg})
    install(FILES ${lantir_icon_svg} DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps RENAME lantir.svg)
  endif()
  # Bitmap sizes for menus and docks that do not draw SVG, when rsvg-convert is there to render them.
  find_program(LANTIR_RSVG_CONVERT rsvg-convert)
  if(NOT EXISTS ${lantir_icon_svg})
    # No icon to render (warned about above).
  elseif(LANTIR_RSVG_CONVERT)
    foreach(size 16 22 24 32 48 64 128 256)
      set(png ${lantir_linux_bin}/icons/${size}x${size}/lantir.png)
      add_custom_command(OUTPUT ${png}
        COMMAND ${CMAKE_COMMAND} -E make_directory ${lantir_linux_bin}/icons/${size}x${size}
        COMMAND ${LANTIR_RSVG_CONVERT} --width ${size} --height ${size} --keep-aspect-ratio
                --output ${png} ${lantir_icon_svg}
        DEPENDS ${lantir_icon_svg}
        COMMENT "Rendering the ${size}x${size} icon"
        VERBATIM)
      list(APPEND lantir_generated_files ${png})
      install(FILES ${png} DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps)
    endforeach()
  else()
    message(STATUS "rsvg-convert not found: the package ships the scalable icon only (apt install librsvg2-bin for PNG sizes)")
  endif()
endif()

add_custom_target(lantir_package_files ALL DEPENDS ${lantir_generated_files})
